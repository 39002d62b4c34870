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
            PaginationView.write(
                chrome: chrome, previous: pagination.newerPath.map { ($0, "newer") },
                next: pagination.olderPath.map { ($0, "older") }, page: pagination.page, of: nil, into: &out)
        }
        out.markup("\n")
    }
}
