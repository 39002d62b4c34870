import BroadsheetDomain

/// The search page: the form with the reader's query in it, what could not be searched, the results with their
/// marked snippets, the empty state and the pages.
enum SearchView {
    static func html(_ model: SearchPage.Model) -> HTMLWriter {
        var out = HTMLWriter()
        LayoutView.write(model.chrome, into: &out) { out in body(model, into: &out) }
        return out
    }

    private static func body(_ model: SearchPage.Model, into out: inout HTMLWriter) {
        let chrome = model.chrome
        out.markup("<header class=\"list-head\">\n<h1>")
        out.string("searchHeading", of: chrome)
        out.markup("</h1>\n</header>\n")
        form(model, into: &out)
        if !model.notices.isEmpty {
            out.markup("<div class=\"notice\" role=\"status\">")
            for notice in model.notices {
                out.markup("<p>")
                out.text(notice)
                out.markup("</p>")
            }
            out.markup("</div>\n")
        }
        if model.form.isEmpty && model.notices.isEmpty {
            out.markup("<p class=\"search-hint\">")
            out.string("searchHint", of: chrome)
            out.markup("</p>\n")
        }
        if let found = model.found {
            out.markup("<p class=\"search-count\" role=\"status\">")
            out.text(found)
            out.markup("</p>\n")
        }
        if model.nothingFound {
            out.markup("<div class=\"empty search-empty\"><p>")
            out.string("searchNothing", of: chrome)
            out.markup(" <q>")
            out.text(model.form.words)
            out.markup("</q>.</p><p>")
            out.string("searchTips", of: chrome)
            out.markup("</p>")
            if let path = model.withoutFilters {
                out.markup("<p>")
                out.link(path, chrome.t["searchWithoutFilters"] ?? "")
                out.markup("</p>")
            }
            out.markup("</div>\n")
        }
        if !model.results.isEmpty {
            out.markup("<ol class=\"results\">\n")
            for result in model.results { self.result(result, into: &out) }
            out.markup("</ol>\n")
        }
        if let pagination = model.pagination { self.pagination(pagination, chrome: chrome, into: &out) }
    }

    private static func form(_ model: SearchPage.Model, into out: inout HTMLWriter) {
        let chrome = model.chrome
        out.markup("<form class=\"search-form\" method=\"get\" action=\"")
        out.text(chrome.searchPath)
        out.markup("\">\n<p class=\"search-words\"><label for=\"search-q\">")
        out.string("searchWords", of: chrome)
        out.markup("</label> <input id=\"search-q\" type=\"search\" name=\"q\" maxlength=\"200\" value=\"")
        out.text(model.form.words)
        out.markup("\"> <button type=\"submit\">")
        out.string("searchButton", of: chrome)
        out.markup("</button></p>\n<fieldset class=\"search-filters\"><legend>")
        out.string("searchFilters", of: chrome)
        out.markup("</legend>\n")
        select("section", label: "section", options: model.sections, chrome: chrome, into: &out)
        select("kind", label: "searchKind", options: model.kinds, chrome: chrome, into: &out)
        out.markup("<p><label for=\"search-tag\">")
        out.string("tag", of: chrome)
        out.markup("</label> <input id=\"search-tag\" type=\"text\" name=\"tag\" value=\"")
        out.text(model.tag?.name ?? "")
        out.markup("\">")
        if let tag = model.tag {
            out.markup(" <a class=\"remove-filter\" href=\"")
            out.text(tag.removePath)
            out.markup("\">")
            out.string("searchRemoveTag", of: chrome)
            out.markup("</a>")
        }
        out.markup("</p>\n")
        date("from", label: "searchFrom", value: model.form.from, chrome: chrome, into: &out)
        date("to", label: "searchTo", value: model.form.to, chrome: chrome, into: &out)
        out.markup("</fieldset>\n</form>\n")
    }

    private static func select(
        _ name: StaticString, label: String, options: [SearchPage.Model.Option], chrome: Chrome,
        into out: inout HTMLWriter
    ) {
        out.markup("<p><label for=\"search-")
        out.markup(name)
        out.markup("\">")
        out.string(label, of: chrome)
        out.markup("</label> <select id=\"search-")
        out.markup(name)
        out.markup("\" name=\"")
        out.markup(name)
        out.markup("\">")
        for option in options {
            out.markup("<option value=\"")
            out.text(option.value)
            out.markup("\"")
            if option.selected { out.markup(" selected") }
            out.markup(">")
            out.text(option.name)
            out.markup("</option>")
        }
        out.markup("</select></p>\n")
    }

    private static func date(
        _ name: StaticString, label: String, value: String?, chrome: Chrome, into out: inout HTMLWriter
    ) {
        out.markup("<p><label for=\"search-")
        out.markup(name)
        out.markup("\">")
        out.string(label, of: chrome)
        out.markup("</label> <input id=\"search-")
        out.markup(name)
        out.markup("\" type=\"date\" name=\"")
        out.markup(name)
        out.markup("\" value=\"")
        out.text(value ?? "")
        out.markup("\"></p>\n")
    }

    private static func result(_ result: SearchPage.Model.Result, into out: inout HTMLWriter) {
        out.markup("<li class=\"result\"><h2>")
        if let label = result.label {
            out.label(label, breaking: result.breaking)
            out.markup(" ")
        }
        out.markup("<a href=\"")
        out.text(result.path)
        out.markup("\">")
        marked(result.headline, into: &out)
        out.markup("</a></h2>\n")
        if let snippet = result.snippet {
            out.markup("<p class=\"snippet\">")
            marked(snippet, into: &out)
            out.markup("</p>\n")
        }
        out.markup("<p class=\"result-time\"><time datetime=\"")
        out.text(result.datetime)
        out.markup("\">")
        out.text(result.time)
        out.markup("</time></p></li>\n")
    }

    /// The snippet's text, escaped like all text, with its matching words in `<mark>`.
    static func marked(_ snippet: SearchSnippet, into out: inout HTMLWriter) {
        for piece in snippet.pieces {
            if piece.isMatch { out.markup("<mark>") }
            out.text(piece.text)
            if piece.isMatch { out.markup("</mark>") }
        }
    }

    private static func pagination(_ pagination: SearchPage.Pagination, chrome: Chrome, into out: inout HTMLWriter) {
        PaginationView.write(
            chrome: chrome, previous: pagination.newerPath.map { ($0, "searchPrevious") },
            next: pagination.olderPath.map { ($0, "searchNext") }, page: pagination.page, of: pagination.pages,
            into: &out)
        out.markup("\n")
    }
}
