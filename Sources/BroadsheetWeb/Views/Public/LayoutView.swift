/// The chrome around every public page: head, masthead, menus and footer (what layout.mustache was).
enum LayoutView {
    static func write(_ chrome: Chrome, into out: inout HTMLWriter, body: (inout HTMLWriter) -> Void) {
        open(chrome, into: &out)
        body(&out)
        close(chrome, into: &out)
    }

    /// Everything before the page's own content.
    static func open(_ chrome: Chrome, into out: inout HTMLWriter) {
        out.markup("<!DOCTYPE html>\n<html lang=\"")
        out.text(chrome.lang)
        out.markup("\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
        out.text(chrome.title)
        out.markup("</title>\n")
        if let description = chrome.description {
            out.markup("<meta name=\"description\" content=\"")
            out.text(description)
            out.markup("\">\n")
        }
        if let robots = chrome.robots {
            out.markup("<meta name=\"robots\" content=\"")
            out.text(robots)
            out.markup("\">\n")
        }
        out.markup("<link rel=\"canonical\" href=\"")
        out.text(chrome.canonical)
        out.markup("\">\n")
        for alternate in chrome.alternates {
            out.markup("<link rel=\"alternate\" hreflang=\"")
            out.text(alternate.lang)
            out.markup("\" href=\"")
            out.text(alternate.href)
            out.markup("\">\n")
        }
        for feed in chrome.feeds {
            out.markup("<link rel=\"alternate\" type=\"")
            out.text(feed.type)
            out.markup("\" title=\"")
            out.text(feed.title)
            out.markup("\" href=\"")
            out.text(feed.href)
            out.markup("\">\n")
        }
        out.markup("<meta property=\"og:site_name\" content=\"")
        out.text(chrome.siteName)
        out.markup("\">\n<meta property=\"og:type\" content=\"")
        out.text(chrome.ogType)
        out.markup("\">\n<meta property=\"og:title\" content=\"")
        out.text(chrome.socialTitle)
        out.markup("\">\n<meta property=\"og:url\" content=\"")
        out.text(chrome.canonical)
        out.markup("\">\n<meta property=\"og:locale\" content=\"")
        out.text(chrome.ogLocale)
        out.markup("\">\n")
        if let description = chrome.description {
            out.markup("<meta property=\"og:description\" content=\"")
            out.text(description)
            out.markup("\">\n")
        }
        if let image = chrome.image {
            out.markup("<meta property=\"og:image\" content=\"")
            out.text(image.url)
            out.markup("\">\n<meta property=\"og:image:width\" content=\"")
            out.number(image.width)
            out.markup("\">\n<meta property=\"og:image:height\" content=\"")
            out.number(image.height)
            out.markup("\">\n<meta property=\"og:image:alt\" content=\"")
            out.text(image.alt)
            out.markup("\">\n<meta name=\"twitter:image\" content=\"")
            out.text(image.url)
            out.markup("\">\n")
        }
        out.markup("<meta name=\"twitter:card\" content=\"")
        out.text(chrome.twitterCard)
        out.markup("\">\n<meta name=\"twitter:title\" content=\"")
        out.text(chrome.socialTitle)
        out.markup("\">\n")
        for jsonLD in chrome.jsonLD {
            out.markup("<script type=\"application/ld+json\">")
            out.html(jsonLD)
            out.markup("</script>\n")
        }
        out.markup("<link rel=\"stylesheet\" href=\"")
        out.text(chrome.stylesheet)
        out.markup("\">\n</head>\n<body>\n<a class=\"skip\" href=\"#content\">")
        out.string("skip", of: chrome)
        out.markup("</a>\n<header class=\"masthead\">\n<div class=\"masthead-bar\">\n<a class=\"brand\" href=\"")
        out.text(chrome.homePath)
        out.markup("\">")
        out.text(chrome.siteName)
        out.markup("</a>\n<nav class=\"editions\" aria-label=\"")
        out.string("editions", of: chrome)
        out.markup("\"><ul>")
        for link in chrome.editionLinks {
            out.markup("<li><a href=\"")
            out.text(link.path)
            out.markup("\" lang=\"")
            out.text(link.lang)
            out.markup("\" hreflang=\"")
            out.text(link.lang)
            out.markup("\"")
            if link.current { out.markup(" aria-current=\"page\"") }
            out.markup(">")
            out.text(link.name)
            out.markup("</a></li>")
        }
        out.markup("</ul></nav>\n")
        if let support = chrome.support {
            out.markup("<a class=\"support-link\" href=\"")
            out.text(support.url)
            out.markup("\">")
            out.string("supportUs", of: chrome)
            out.markup("</a>")
        }
        searchBox(chrome, into: &out)
        out.markup("\n</div>\n<nav class=\"sections\" aria-label=\"")
        out.string("sections", of: chrome)
        out.markup("\"><ul><li><a href=\"")
        out.text(chrome.allNewsPath)
        out.markup("\"")
        if chrome.allNewsCurrent { out.markup(" aria-current=\"page\"") }
        out.markup(">")
        out.string("allNews", of: chrome)
        out.markup("</a></li>")
        for section in chrome.sections {
            out.markup("<li><a href=\"")
            out.text(section.path)
            out.markup("\"")
            if section.current { out.markup(" aria-current=\"page\"") }
            out.markup(">")
            out.text(section.name)
            out.markup("</a></li>")
        }
        out.markup("</ul></nav>\n</header>\n")
        if let banner = chrome.banner {
            out.markup("<p class=\"breaking-banner\"><strong>")
            out.string("breaking", of: chrome)
            out.markup(":</strong> ")
            if let url = banner.url {
                out.link(url, banner.text)
            } else {
                out.text(banner.text)
            }
            out.markup("</p>")
        }
        out.markup("\n<main id=\"content\">\n")
    }

    /// The masthead's search box: a plain GET form to the edition's search page, working without scripts.
    static func searchBox(_ chrome: Chrome, into out: inout HTMLWriter) {
        out.markup("<form class=\"search-box\" role=\"search\" method=\"get\" action=\"")
        out.text(chrome.searchPath)
        out.markup("\"><label class=\"visually-hidden\" for=\"masthead-q\">")
        out.string("searchLabel", of: chrome)
        out.markup("</label><input id=\"masthead-q\" type=\"search\" name=\"q\" maxlength=\"200\" placeholder=\"")
        out.string("searchPlaceholder", of: chrome)
        out.markup("\"><button type=\"submit\">")
        out.string("searchButton", of: chrome)
        out.markup("</button></form>")
    }

    /// Everything after the page's own content.
    static func close(_ chrome: Chrome, into out: inout HTMLWriter) {
        out.markup("\n</main>\n<footer class=\"footer\">\n<p class=\"footer-brand\">")
        out.link(chrome.homePath, chrome.siteName)
        out.markup("</p>\n")
        if let footer = chrome.footer {
            for paragraph in footer.paragraphs {
                out.markup("<p>")
                out.text(paragraph)
                out.markup("</p>\n")
            }
            if !footer.links.isEmpty {
                out.markup("<ul class=\"footer-links\">")
                for link in footer.links {
                    out.markup("<li>")
                    out.link(link.url, link.label)
                    out.markup("</li>")
                }
                out.markup("</ul>\n")
            }
        }
        out.markup("</footer>\n</body>\n</html>\n")
    }
}
