/// The article page (what article.mustache was). The blocks after the article come apart: `write` leaves
/// their place empty and returns the page in two halves, so that the cache can put current blocks between them.
enum ArticleView {
    static func html(_ model: ArticlePage.Model, afterArticle: HTMLWriter) -> HTMLWriter {
        var (out, after) = halves(model)
        out.append(afterArticle)
        out.append(after)
        return out
    }

    /// The page up to the place of the blocks after the article, and from there to the end.
    static func halves(_ model: ArticlePage.Model) -> (before: HTMLWriter, after: HTMLWriter) {
        var before = HTMLWriter()
        LayoutView.open(model.chrome, into: &before)
        article(model, into: &before)
        var after = HTMLWriter(capacity: 1024)
        after.markup("\n</div>\n")
        LayoutView.close(model.chrome, into: &after)
        return (before, after)
    }

    static func article(_ model: ArticlePage.Model, into out: inout HTMLWriter) {
        let chrome = model.chrome
        out.markup("<article class=\"article\">\n<header class=\"article-head\">\n")
        if let label = model.label {
            out.markup("<p class=\"label-line\">")
            out.label(label, breaking: model.breaking)
            out.markup("</p>")
        }
        out.markup("\n<h1>")
        out.text(model.headline)
        out.markup("</h1>\n<p class=\"byline\">")
        if model.hasAuthors {
            out.markup("<span class=\"authors\">")
            out.text(model.byLabel)
            out.markup(" ")
            for author in model.authors {
                out.markup("<a href=\"")
                out.text(author.path)
                out.markup("\" rel=\"author\">")
                out.text(author.name)
                out.markup("</a>")
                out.text(author.separator)
            }
            out.markup("</span> ")
        }
        out.markup("<span class=\"dates\"><time datetime=\"")
        out.text(model.publishedISO)
        out.markup("\">")
        out.text(model.published)
        out.markup("</time>")
        if let updated = model.updated {
            out.markup(" · <span class=\"updated\">")
            out.string("updated", of: chrome)
            out.markup(" <time datetime=\"")
            out.text(model.updatedISO)
            out.markup("\">")
            out.text(updated)
            out.markup("</time></span>")
        }
        out.markup("</span></p>\n")
        if let lead = model.lead {
            out.markup("<p class=\"standfirst\">")
            out.text(lead)
            out.markup("</p>")
        }
        out.markup("\n</header>\n")
        if let photo = model.photo {
            out.markup("<figure class=\"main-photo\">")
            out.image(src: photo.src, width: photo.width, height: photo.height, alt: photo.alt)
            out.markup("><figcaption>")
            out.text(photo.caption)
            if let credit = photo.credit {
                out.markup(" <span class=\"credit\">")
                out.string("photoCredit", of: chrome)
                out.markup(" ")
                out.text(credit)
                out.markup("</span>")
            }
            out.markup("</figcaption></figure>")
        }
        out.markup("\n")
        if let sources = model.sources {
            out.markup("<p class=\"sources\">")
            out.text(sources.label)
            out.markup(" ")
            for item in sources.items {
                if let url = item.url {
                    out.markup("<a href=\"")
                    out.text(url)
                    out.markup("\" rel=\"nofollow noopener\">")
                    out.text(item.name)
                    out.markup("</a>")
                } else {
                    out.text(item.name)
                }
                if let what = item.what {
                    out.markup(", ")
                    out.text(what)
                }
                out.text(item.separator)
            }
            out.markup("</p>")
        }
        out.markup("\n<div class=\"article-body\">\n")
        for block in model.blocks {
            if block.isAd {
                out.markup("<div class=\"ad\"><p class=\"ad-label\">")
                out.string("advertisement", of: chrome)
                out.markup("</p>")
                out.html(block.html)
                out.markup("</div>\n")
            } else {
                out.html(block.html)
                out.markup("\n")
            }
        }
        out.markup("\n</div>\n")
        if model.hasCorrections {
            out.markup("<aside class=\"corrections\" aria-label=\"")
            out.string("correction", of: chrome)
            out.markup("\">")
            for line in model.corrections {
                out.markup("<p><strong>")
                out.text(line.label)
                out.markup(", <time datetime=\"")
                out.text(line.datetime)
                out.markup("\">")
                out.text(line.date)
                out.markup("</time>:</strong> ")
                out.text(line.text)
                out.markup("</p>")
            }
            out.markup("</aside>")
        }
        out.markup("\n")
        if let support = model.support {
            out.markup("<aside class=\"support-call\" aria-label=\"")
            out.string("supportUs", of: chrome)
            out.markup("\"><p>")
            out.text(support.text)
            out.markup("</p><p><a class=\"button\" href=\"")
            out.text(support.url)
            out.markup("\">")
            out.string("supportUs", of: chrome)
            out.markup("</a></p></aside>")
        }
        out.markup("\n")
        if model.hasTags {
            out.markup("<nav class=\"tags\" aria-labelledby=\"tags-heading\"><h2 id=\"tags-heading\">")
            out.string("tags", of: chrome)
            out.markup("</h2><ul>")
            for tag in model.tags {
                out.markup("<li><a href=\"")
                out.text(tag.path)
                out.markup("\" rel=\"tag\">")
                out.text(tag.name)
                out.markup("</a></li>")
            }
            out.markup("</ul></nav>")
        }
        out.markup("\n</article>\n<div class=\"after-article\">\n")
    }
}
