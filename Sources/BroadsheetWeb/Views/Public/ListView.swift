/// All news, a day, a section, a tag, an author (what list.mustache was).
enum ListView {
    static func html(_ model: ListPage.Model) -> HTMLWriter {
        var out = HTMLWriter()
        LayoutView.write(model.chrome, into: &out) { out in body(model, into: &out) }
        return out
    }

    private static func body(_ model: ListPage.Model, into out: inout HTMLWriter) {
        let chrome = model.chrome
        out.markup("<header class=\"list-head\">\n")
        if let kicker = model.kicker {
            out.markup("<p class=\"eyebrow\">")
            out.text(kicker)
            out.markup("</p>")
        }
        out.markup("\n<h1>")
        out.text(model.heading)
        out.markup("</h1>\n")
        if let intro = model.intro {
            out.markup("<p class=\"intro\">")
            out.text(intro)
            out.markup("</p>")
        }
        out.markup("\n</header>\n")
        for day in model.days {
            out.markup("<section class=\"day\" aria-labelledby=\"")
            out.text(day.id)
            out.markup("\">\n<h2 id=\"")
            out.text(day.id)
            out.markup("\">")
            if let path = day.path {
                out.link(path, day.title)
            } else {
                out.text(day.title)
            }
            out.markup("</h2>\n<ul class=\"timeline\">")
            for item in day.items { HeadlineViews.item(item, into: &out) }
            out.markup("</ul>\n</section>\n")
        }
        if let flat = model.flatItems {
            out.markup("<ul class=\"list\">")
            for item in flat.items { HeadlineViews.item(item, into: &out) }
            out.markup("</ul>")
        }
        out.markup("\n")
        if model.empty {
            out.markup("<p class=\"empty\">")
            out.string("emptyList", of: chrome)
            out.markup("</p>")
        }
        out.markup("\n")
        if let pagination = model.pagination {
            out.markup("<nav class=\"pagination\" aria-label=\"")
            out.string("pagination", of: chrome)
            out.markup("\">\n")
            if let newer = pagination.newerPath {
                out.markup("<a rel=\"prev\" href=\"")
                out.text(newer)
                out.markup("\">← ")
                out.string("newer", of: chrome)
                out.markup("</a>")
            }
            out.markup("\n<span>")
            out.string("page", of: chrome)
            out.markup(" ")
            out.number(pagination.page)
            out.markup("</span>\n")
            if let older = pagination.olderPath {
                out.markup("<a rel=\"next\" href=\"")
                out.text(older)
                out.markup("\">")
                out.string("older", of: chrome)
                out.markup(" →</a>")
            }
            out.markup("\n</nav>")
        }
        out.markup("\n")
    }
}
