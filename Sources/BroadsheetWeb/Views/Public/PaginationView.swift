/// The links between the pages of a list: previous, where we are, next.
enum PaginationView {
    /// - Parameters:
    ///   - previous, next: the page's path and the key of the link's words in the edition's strings.
    ///   - of: how many pages there are, when known ("Page 2 of 7"); the position is left out past the last.
    static func write(
        chrome: Chrome, previous: (path: String, key: String)?, next: (path: String, key: String)?, page: Int,
        of pages: Int?, into out: inout HTMLWriter
    ) {
        out.markup("<nav class=\"pagination\" aria-label=\"")
        out.string("pagination", of: chrome)
        out.markup("\">\n")
        if let previous {
            out.markup("<a rel=\"prev\" href=\"")
            out.text(previous.path)
            out.markup("\">← ")
            out.string(previous.key, of: chrome)
            out.markup("</a>")
        }
        if page <= pages ?? page {
            out.markup("\n<span>")
            out.string("page", of: chrome)
            out.markup(" ")
            out.number(page)
            if let pages {
                out.markup(" ")
                out.string("pageOf", of: chrome)
                out.markup(" ")
                out.number(pages)
            }
            out.markup("</span>")
        }
        out.markup("\n")
        if let next {
            out.markup("<a rel=\"next\" href=\"")
            out.text(next.path)
            out.markup("\">")
            out.string(next.key, of: chrome)
            out.markup(" →</a>")
        }
        out.markup("\n</nav>")
    }
}
