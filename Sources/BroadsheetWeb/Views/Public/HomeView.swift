/// An edition's front page (what home.mustache was).
enum HomeView {
    static func html(_ model: HomePage.Model) -> HTMLWriter {
        var out = HTMLWriter()
        LayoutView.write(model.chrome, into: &out) { out in body(model, into: &out) }
        return out
    }

    private static func body(_ model: HomePage.Model, into out: inout HTMLWriter) {
        let chrome = model.chrome
        out.markup("<h1 class=\"visually-hidden\">")
        out.text(model.heading)
        out.markup("</h1>\n")
        if let top = model.top {
            out.markup("<article class=\"top-story\">\n")
            if let photo = top.photo {
                out.markup("<a href=\"")
                out.text(top.path)
                out.markup("\" tabindex=\"-1\">")
                out.image(src: photo.src, width: photo.width, height: photo.height, alt: photo.alt)
                out.markup("></a>")
            }
            out.markup("\n<div class=\"top-story-text\">\n<p class=\"label-line\">")
            if let label = top.label {
                out.label(label, breaking: top.breaking)
                out.markup(" ")
            }
            out.markup("<span class=\"eyebrow\">")
            out.string("topStory", of: chrome)
            out.markup("</span></p>\n<h2>")
            out.link(top.path, top.headline)
            out.markup("</h2>\n<p class=\"lead\">")
            out.text(top.lead)
            out.markup("</p>\n<p class=\"meta\"><time datetime=\"")
            out.text(top.datetime)
            out.markup("\">")
            out.text(top.time)
            out.markup("</time></p>\n</div>\n</article>")
        }
        out.markup("\n<div class=\"home-grid\">\n")
        if let latest = model.latest { HeadlineViews.block(latest, into: &out) }
        out.markup("\n<div class=\"section-blocks\">")
        for block in model.sectionBlocks { HeadlineViews.block(block, into: &out) }
        out.markup("</div>\n</div>\n")
        if model.empty {
            out.markup("<p class=\"empty\">")
            out.string("emptyList", of: chrome)
            out.markup("</p>")
        }
        out.markup("\n")
    }
}
