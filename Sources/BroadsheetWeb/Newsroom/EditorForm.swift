import BroadsheetDomain
import Foundation

/// Turns the editor's form into an `ArticleDraft` and back.
enum EditorForm {
    /// The draft as typed; what the member may not change (the home page's flags, say) the desk keeps.
    static func draft(from form: FormFields, edition: String) -> ArticleDraft {
        ArticleDraft(
            edition: edition,
            kind: ArticleKind(rawValue: form["kind"]) ?? .news,
            headline: form["headline"].trimmingCharacters(in: .whitespacesAndNewlines),
            slug: form["slug"].trimmingCharacters(in: .whitespaces).lowercased(),
            lead: form["lead"].trimmingCharacters(in: .whitespacesAndNewlines),
            body: placing(
                form.all("inText").compactMap(Int.init), in: form["body"].replacingOccurrences(of: "\r\n", with: "\n")),
            sectionID: Int(form["section"]),
            tags: form["tags"].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty },
            authorIDs: form.all("author").compactMap(Int.init),
            sources: sources(from: form["sources"]),
            mainPhotoID: Int(form["photo"]),
            isBreaking: form["breaking"] == "1",
            isTop: form["top"] == "1")
    }

    /// The body with a photo line at its end for each photo ticked "in the text" that it does not show yet: the
    /// picker writes the line, the writer moves it where it belongs.
    static func placing(_ photos: [Int], in body: String) -> String {
        let shown = Set(ArticleBody(parsing: body).photoIDs)
        let lines = photos.filter { !shown.contains($0) }.map { "[photo: \($0)]" }
        guard !lines.isEmpty else { return body }
        let text = body.trimmingCharacters(in: .newlines)
        return ([text].filter { !$0.isEmpty } + lines).joined(separator: "\n\n")
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

    /// A time field that holds something other than a time.
    struct UnreadableTime: Error {
        let text: String
    }

    /// A `datetime-local` field ("2025-07-02T09:30", in the newsroom's time zone): nil when left empty.
    static func time(_ text: String, timeZone: TimeZone) throws -> Date? {
        let text = text.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { return nil }
        let formatter = formatter(timeZone)
        for format in ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"] {
            formatter.dateFormat = format
            if let date = formatter.date(from: text) { return date }
        }
        throw UnreadableTime(text: text)
    }

    /// A time as a `datetime-local` field shows it, in the newsroom's time zone.
    static func timeText(_ date: Date, timeZone: TimeZone) -> String {
        let formatter = formatter(timeZone)
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm"
        return formatter.string(from: date)
    }

    private static func formatter(_ timeZone: TimeZone) -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = timeZone
        return formatter
    }
}
