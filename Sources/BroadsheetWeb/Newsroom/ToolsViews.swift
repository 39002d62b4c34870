import BroadsheetDomain
import BroadsheetStorage
import Foundation
import Hummingbird

/// The revision comparison and the audit log pages.
struct ToolsViews: Sendable {
    let base: NewsroomViews
    let audit: AuditLog

    struct Part {
        let text: String
        let removed: Bool
        let added: Bool
        let same: Bool
    }

    struct Field {
        let id: String
        let name: String
        let parts: [Part]
    }

    struct ComparisonPage {
        let title: String
        let csrf: String
        let headline: String
        let editPath: String
        let fromNumber: Int
        let toNumber: Int
        let hasFields: Bool
        let fields: [Field]
        let mayRestore: Bool
        let restoreAction: String
    }

    func comparison(
        article: EditableArticle, from: Revision, to: Revision, mayRestore: Bool, member: StaffMember, csrf: String
    ) throws -> Response {
        let strings = base.strings(member.language)
        let layout = base.layout(title: strings["comparing"], language: member.language, member: member, csrf: csrf)
        func field(_ id: String, _ old: String, _ new: String) -> Field? {
            guard old != new else { return nil }
            return Field(
                id: id, name: strings["field_\(id)"],
                parts: WordDiff.diff(old, new).map { change in
                    switch change {
                    case .same(let text): Part(text: text, removed: false, added: false, same: true)
                    case .removed(let text): Part(text: text, removed: true, added: false, same: false)
                    case .added(let text): Part(text: text, removed: false, added: true, same: false)
                    }
                })
        }
        func others(_ draft: ArticleDraft) -> String {
            [
                "kind: \(draft.kind.rawValue)", "slug: \(draft.slug)", "tags: \(draft.tags.joined(separator: ", "))",
                "section: \(draft.sectionID.map(String.init) ?? "-")",
                "authors: \(draft.authorIDs.map(String.init).joined(separator: ", "))",
                "photo: \(draft.mainPhotoID.map(String.init) ?? "-")", "breaking: \(draft.isBreaking)", "top: \(draft.isTop)",
                "sources: \(EditorForm.sourcesText(draft.sources))",
            ].joined(separator: "\n")
        }
        let fields = [
            field("headline", from.draft.headline, to.draft.headline), field("lead", from.draft.lead, to.draft.lead),
            field("body", from.draft.body, to.draft.body), field("other", others(from.draft), others(to.draft)),
        ].compactMap { $0 }
        let model = ComparisonPage(
            title: layout.title, csrf: csrf, headline: article.draft.headline,
            editPath: "/admin/articles/\(article.id)", fromNumber: from.number, toNumber: to.number,
            hasFields: !fields.isEmpty, fields: fields, mayRestore: mayRestore,
            restoreAction: "/admin/articles/\(article.id)/restore")
        return try base.page(model, template: "newsroom/revisions", layout: layout)
    }

    struct AuditLine {
        let when: String
        let datetime: String
        let who: String
        let action: String
        let subject: String
        let subjectPath: String?
        let detail: String
    }

    struct AuditPage {
        let title: String
        let entries: [AuditLine]
        let pagination: NewsroomViews.Pagination?
    }

    func audit(page: Int, member: StaffMember, csrf: String) async throws -> Response {
        let size = 50
        let strings = base.strings(member.language)
        let layout = base.layout(title: strings["auditLog"], language: member.language, member: member, csrf: csrf)
        let entries = try await audit.recent(limit: size + 1, offset: (page - 1) * size)
        let model = AuditPage(
            title: layout.title, entries: entries.prefix(size).map { entry in
                let articleID = entry.subject.hasPrefix("article ") ? Int(entry.subject.dropFirst(8)) : nil
                return AuditLine(
                    when: base.time(entry.at, language: member.language), datetime: ISO8601.string(entry.at),
                    who: entry.staffName.isEmpty ? strings["system"] : entry.staffName, action: entry.action,
                    subject: entry.subject, subjectPath: articleID.map { "/admin/articles/\($0)" }, detail: entry.detail)
            },
            pagination: page > 1 || entries.count > size
                ? NewsroomViews.Pagination(
                    page: page, newerPath: page > 1 ? "/admin/audit?page=\(page - 1)" : nil,
                    olderPath: entries.count > size ? "/admin/audit?page=\(page + 1)" : nil) : nil)
        return try base.page(model, template: "newsroom/audit", layout: layout)
    }
}
