import BroadsheetDomain
import Foundation

/// Turns the editor's form into an `ArticleDraft` and back.
enum EditorForm {
    static func draft(from form: FormFields, edition: String, keeping current: ArticleDraft?, mayArrange: Bool)
        -> ArticleDraft
    {
        ArticleDraft(
            edition: edition,
            kind: ArticleKind(rawValue: form["kind"]) ?? .news,
            headline: form["headline"].trimmingCharacters(in: .whitespacesAndNewlines),
            slug: form["slug"].trimmingCharacters(in: .whitespaces).lowercased(),
            lead: form["lead"].trimmingCharacters(in: .whitespacesAndNewlines),
            body: form["body"].replacingOccurrences(of: "\r\n", with: "\n"),
            sectionID: Int(form["section"]),
            tags: form["tags"].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty },
            authorIDs: form.all("author").compactMap(Int.init),
            sources: sources(from: form["sources"]),
            mainPhotoID: Int(form["photo"]),
            // Only those who arrange the home page may set these; others keep what the article had.
            isBreaking: mayArrange ? form["breaking"] == "1" : (current?.isBreaking ?? false),
            isTop: mayArrange ? form["top"] == "1" : (current?.isTop ?? false))
    }

    /// "name | what it is | https://link" per line.
    static func sources(from text: String) -> [ArticleSource] {
        FormFields.records(text).map { parts in
            let url = parts.count > 2 && !parts[2].isEmpty ? parts[2] : nil
            return ArticleSource(name: parts[0], what: parts.count > 1 ? parts[1] : "", url: url)
        }
    }

    static func sourcesText(_ sources: [ArticleSource]) -> String {
        sources.map { [$0.name, $0.what, $0.url ?? ""].joined(separator: " | ") }.joined(separator: "\n")
    }

    /// A `datetime-local` value ("2025-07-02T09:30") read in the newsroom's time zone.
    static func localTime(_ text: String, timeZone: TimeZone) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = timeZone
        for format in ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"] {
            formatter.dateFormat = format
            if let date = formatter.date(from: text) { return date }
        }
        return nil
    }
}
