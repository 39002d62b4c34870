import BroadsheetDomain
import Foundation

/// An edition's footer as typed in the settings form, kept as typed so that a refused form loses nothing.
struct FooterForm: Sendable, Equatable {
    var text: String
    /// "Label | https://address" per line.
    var links: String

    init(text: String, links: String) {
        self.text = text
        self.links = links
    }

    init(_ footer: EditionFooter?) {
        text = footer?.text ?? ""
        links = footer?.links.map { "\($0.label) | \($0.url)" }.joined(separator: "\n") ?? ""
    }

    init(fields form: FormFields, edition: String) {
        self.init(text: form["footer_text_\(edition)"], links: form["footer_links_\(edition)"])
    }

    var footer: EditionFooter {
        EditionFooter(
            text: text.replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(in: .whitespacesAndNewlines),
            links: FormFields.records(links).map { columns in
                EditionFooter.Link(label: columns[0], url: columns.dropFirst().joined(separator: "|"))
            })
    }
}
