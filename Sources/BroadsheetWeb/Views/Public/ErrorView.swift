/// 404, 410 and 500 pages (what error.mustache was).
enum ErrorView {
    static func html(_ model: ErrorPage.Model) -> HTMLWriter {
        var out = HTMLWriter(capacity: 8192)
        LayoutView.write(model.chrome, into: &out) { out in
            out.markup("<section class=\"error-page\">\n<h1>")
            out.text(model.heading)
            out.markup("</h1>\n<p>")
            out.text(model.text)
            out.markup("</p>\n<p>")
            out.link(model.chrome.homePath, model.chrome.t["goHome"] ?? "")
            out.markup("</p>\n</section>\n")
            if let recent = model.recent { HeadlineViews.block(recent, into: &out) }
            out.markup("\n")
        }
        return out
    }
}
