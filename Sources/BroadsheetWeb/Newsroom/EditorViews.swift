import BroadsheetDomain
import BroadsheetStorage
import Foundation
import Hummingbird

/// Models and rendering of the article list and the editor.
struct EditorViews: Sendable {
    let base: NewsroomViews
    let queries: DeskQueries
    let desk: ArticleDesk
    let tools: ToolsViews

    var site: SiteContext { base.site }

    func strings(_ member: StaffMember) -> UIStrings { base.strings(member.language) }

    // MARK: The list

    struct ListLine {
        let edition: String
        let headline: String
        let editPath: String
        let status: String
        let when: String?
        let datetime: String
    }

    struct ListPage {
        let title: String
        let editions: [NewsroomViews.Option]
        let statuses: [NewsroomViews.Option]
        let authors: [NewsroomViews.Option]
        let sections: [NewsroomViews.Option]
        let tags: [NewsroomViews.Option]
        let words: String
        let hasItems: Bool
        let items: [ListLine]
        let pagination: NewsroomViews.Pagination?
    }

    func list(filter: ArticleFilter, member: StaffMember, csrf: String) async throws -> Response {
        let strings = strings(member)
        let layout = base.layout(title: strings["articles"], language: member.language, member: member, csrf: csrf)
        let (items, hasMore) = try await queries.articles(filter)
        func options(_ choices: [Choice], _ selected: Int?) -> [NewsroomViews.Option] {
            choices.map { NewsroomViews.Option(value: String($0.id), label: $0.label, selected: $0.id == selected) }
        }
        func path(page: Int) -> String {
            var query: [String] = []
            if let edition = filter.edition { query.append("edition=\(edition)") }
            if let status = filter.status { query.append("status=\(status.rawValue)") }
            if let id = filter.authorID { query.append("author=\(id)") }
            if let id = filter.sectionID { query.append("section=\(id)") }
            if let id = filter.tagID { query.append("tag=\(id)") }
            if !filter.words.isEmpty {
                query.append("q=\(filter.words.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")")
            }
            if page > 1 { query.append("page=\(page)") }
            return "/admin/articles" + (query.isEmpty ? "" : "?" + query.joined(separator: "&"))
        }
        let model = ListPage(
            title: layout.title, editions: site.configuration.editions.all.map {
                NewsroomViews.Option(value: $0.code, label: $0.name, selected: $0.code == filter.edition)
            },
            statuses: ArticleStatus.allCases.map {
                NewsroomViews.Option(value: $0.rawValue, label: strings["status_\($0.rawValue)"], selected: $0 == filter.status)
            },
            // Retired authors' articles are still found by their byline.
            authors: options(try await queries.authorChoices(edition: filter.edition, retired: true), filter.authorID),
            sections: options(try await queries.sectionChoices(edition: filter.edition), filter.sectionID),
            tags: options(try await queries.tagChoices(edition: filter.edition), filter.tagID),
            words: filter.words, hasItems: !items.isEmpty,
            items: items.map { item in
                ListLine(
                    edition: item.edition, headline: item.headline, editPath: "/admin/articles/\(item.id)",
                    status: strings["status_\(item.status.rawValue)"],
                    when: item.publishedAt.map { base.time($0, language: member.language) },
                    datetime: item.publishedAt.map(ISO8601.string) ?? "")
            },
            pagination: filter.page > 1 || hasMore
                ? NewsroomViews.Pagination(
                    page: filter.page, newerPath: filter.page > 1 ? path(page: filter.page - 1) : nil,
                    olderPath: hasMore ? path(page: filter.page + 1) : nil) : nil)
        return try base.page(model, template: "newsroom/articles", layout: layout)
    }

    // MARK: The editor

    struct Move {
        let action: String
        let csrf: String
        let to: String
        let label: String
        /// Scheduling: the time is required.
        let needsTime: Bool
        /// Publishing, for those who may set the time: empty publishes now, a past time dates an archive story.
        let mayTime: Bool
        let timeZone: String
    }

    /// Correcting the time of a published or scheduled article.
    struct Retime {
        let action: String
        let csrf: String
        let value: String
        let timeZone: String
        /// A published article may move to the new date's address (the old one redirects).
        let mayMoveAddress: Bool
    }

    struct Workflow {
        let statusName: String
        let publishedAt: String?
        let scheduledFor: String?
        let publicPath: String?
        let previewPath: String
        let moves: [Move]
        let retime: Retime?
    }

    struct Preview {
        let label: String?
        let headline: String
        let lead: String?
        let html: String
    }

    struct RevisionLine {
        let number: Int
        let when: String
        let datetime: String
        let staffName: String?
        let note: String?
        let comparePath: String?
    }

    struct VersionLine {
        let edition: String
        let headline: String
        let status: String
        let editPath: String
        let current: Bool
    }

    struct TranslateTarget {
        let action: String
        let csrf: String
        let edition: String
        let label: String
    }

    struct Translations {
        let versions: [VersionLine]
        let targets: [TranslateTarget]
    }

    struct Original {
        let edition: String
        let headline: String
        let lead: String
        let body: String
    }

    struct PostForm {
        let action: String
        let csrf: String
    }

    /// One entry the original carries that this edition has no name for: the translator names it here.
    struct UnnamedLine {
        let field: String
        let kindLabel: String
        let originalName: String
        let inputID: String
    }

    struct Unnamed {
        let action: String
        let csrf: String
        let editionName: String
        let lines: [UnnamedLine]
    }

    /// A photo the article shows that lacks words in its edition, linked to the photo's page.
    struct PhotoGapLine {
        let id: Int
        let path: String
        let missing: String
    }

    struct EditorPage {
        let title: String
        let csrf: String
        let action: String
        let isNew: Bool
        let readOnly: Bool
        let message: String?
        let hasProblems: Bool
        let problems: [String]
        let edition: String
        let editionName: String
        let kinds: [NewsroomViews.Option]
        let headline: String
        let slug: String
        let lead: String
        let body: String
        let sections: [NewsroomViews.Option]
        let tags: String
        let authors: [NewsroomViews.Option]
        let sources: String
        let photos: [PhotoPick]
        let noPhoto: Bool
        let mayArrange: Bool
        let breaking: Bool
        let top: Bool
        let workflow: Workflow?
        let hasPhotoGaps: Bool
        let photoGaps: [PhotoGapLine]
        let preview: Preview?
        let hasRevisions: Bool
        let revisions: [RevisionLine]
        let translations: Translations?
        let original: Original?
        let correction: PostForm?
        let deletion: PostForm?
        let unnamed: Unnamed?
    }

    func editor(
        article: EditableArticle?, draft: ArticleDraft, member: StaffMember, csrf: String, message: String? = nil,
        showPreview: Bool = false, readOnly: Bool = false, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let strings = strings(member)
        let title = article == nil ? strings["newArticle"] : draft.headline
        let layout = base.layout(title: title, language: member.language, member: member, csrf: csrf)
        func options(_ choices: [Choice], _ selected: Set<Int>) -> [NewsroomViews.Option] {
            choices.map { NewsroomViews.Option(value: String($0.id), label: $0.label, selected: selected.contains($0.id)) }
        }
        let revisions = try await article.asyncMap { try await desk.revisions(of: $0.id) } ?? []
        // Said before Publish is pressed, for the same reason the desk would refuse it.
        let gaps = article == nil ? [] : try await desk.photoGaps(of: draft)
        let model = EditorPage(
            title: title, csrf: csrf,
            action: article.map { "/admin/articles/\($0.id)" } ?? "/admin/articles/new",
            isNew: article == nil, readOnly: readOnly, message: message,
            hasProblems: !draft.problems.isEmpty && status == .badRequest,
            problems: draft.problems.map { strings["problem_\($0.rawValue)"] },
            edition: draft.edition, editionName: site.edition(code: draft.edition)?.name ?? draft.edition,
            kinds: ArticleKind.allCases.map {
                NewsroomViews.Option(value: $0.rawValue, label: strings["kind_\($0.rawValue)"], selected: $0 == draft.kind)
            },
            headline: draft.headline, slug: draft.slug, lead: draft.lead, body: draft.body,
            sections: options(try await queries.sectionChoices(edition: draft.edition), Set([draft.sectionID].compactMap { $0 })),
            tags: draft.tags.joined(separator: ", "),
            authors: options(
                try await queries.authorChoices(edition: draft.edition, keeping: Set(draft.authorIDs)),
                Set(draft.authorIDs)),
            sources: EditorForm.sourcesText(draft.sources),
            photos: try await photoPicks(draft), noPhoto: draft.mainPhotoID == nil,
            mayArrange: Permissions.allows(member.role, .arrangeHomePage), breaking: draft.isBreaking, top: draft.isTop,
            workflow: article.map { workflow($0, member: member, csrf: csrf, strings: strings) },
            hasPhotoGaps: !gaps.isEmpty,
            photoGaps: gaps.map { gap in
                PhotoGapLine(
                    id: gap.photoID, path: "/admin/photos/\(gap.photoID)",
                    missing: gap.missing.map { strings["missing_\($0.rawValue)"] }.joined(separator: ", "))
            },
            preview: showPreview || article != nil ? try await preview(draft, member: member) : nil,
            hasRevisions: !revisions.isEmpty,
            revisions: revisions.map { revision in
                RevisionLine(
                    number: revision.number, when: base.time(revision.createdAt, language: member.language),
                    datetime: ISO8601.string(revision.createdAt),
                    staffName: revision.staffName.isEmpty ? nil : revision.staffName,
                    note: revision.note.isEmpty ? nil : revision.note,
                    comparePath: article.flatMap { article in
                        revision.number > 1
                            ? "/admin/articles/\(article.id)/revisions?from=\(revision.number - 1)&to=\(revision.number)"
                            : nil
                    })
            },
            translations: try await article.asyncMap { try await translations($0, member: member, csrf: csrf) },
            original: try await article.asyncMap { try await original(of: $0) } ?? nil,
            correction: article.flatMap {
                $0.status == .published && Permissions.allows(member.role, .addCorrection)
                    ? PostForm(action: "/admin/articles/\($0.id)/correction", csrf: csrf) : nil
            },
            deletion: article.flatMap {
                Permissions.allows(member.role, .deleteArticle)
                    ? PostForm(action: "/admin/articles/\($0.id)/delete", csrf: csrf) : nil
            },
            unnamed: try await article.asyncMap { try await unnamed($0, member: member, csrf: csrf, readOnly: readOnly) }
                ?? nil)
        return try base.page(model, template: "newsroom/editor", layout: layout, status: status)
    }

    private func translations(_ article: EditableArticle, member: StaffMember, csrf: String) async throws -> Translations {
        let strings = strings(member)
        let versions = try await queries.versions(group: article.translationGroup)
        let present = Set(versions.map(\.edition))
        let mayTranslate = Permissions.allows(member.role, .translate)
        return Translations(
            versions: versions.map {
                VersionLine(
                    edition: $0.edition, headline: $0.headline, status: strings["status_\($0.status.rawValue)"],
                    editPath: "/admin/articles/\($0.id)", current: $0.id == article.id)
            },
            targets: mayTranslate
                ? site.configuration.editions.all.filter { !present.contains($0.code) }.map {
                    TranslateTarget(
                        action: "/admin/articles/\(article.id)/translate", csrf: csrf, edition: $0.code, label: $0.name)
                } : [])
    }

    /// A photo in the editor's picker: a thumbnail that picks the main photo, and a box that places it in the text.
    struct PhotoPick {
        let id: Int
        let src: String
        let width: Int
        let height: Int
        let isMain: Bool
        let inText: Bool
    }

    /// The article's photos and the library's newest, as thumbnails 160 px wide.
    private func photoPicks(_ draft: ArticleDraft) async throws -> [PhotoPick] {
        let inText = Set(ArticleBody(parsing: draft.body).photoIDs)
        let own = [draft.mainPhotoID].compactMap { $0 } + inText.sorted()
        return try await queries.thumbnails(including: own).map { photo in
            PhotoPick(
                id: photo.id, src: SitePath.photo(file: photo.file).path, width: 160,
                height: max(1, 160 * photo.height / max(photo.width, 1)), isMain: photo.id == draft.mainPhotoID,
                inText: inText.contains(photo.id))
        }
    }

    /// The original's section, tags and authors that have no name in this edition, for the translator to name.
    private func unnamed(_ article: EditableArticle, member: StaffMember, csrf: String, readOnly: Bool) async throws
        -> Unnamed?
    {
        guard !readOnly, Permissions.allows(member.role, .translate) else { return nil }
        let entries = try await desk.unnamed(in: article)
        guard !entries.isEmpty else { return nil }
        let strings = strings(member)
        return Unnamed(
            action: "/admin/articles/\(article.id)/names", csrf: csrf,
            editionName: site.edition(code: article.draft.edition)?.name ?? article.draft.edition,
            lines: entries.map {
                UnnamedLine(
                    field: "\($0.kind.rawValue):\($0.entry)", kindLabel: strings["field_\($0.kind.rawValue)"],
                    originalName: $0.originalName, inputID: "unnamed-\($0.kind.rawValue)-\($0.entry)")
            })
    }

    /// While translating: the group's first version in another edition, shown beside the editor.
    private func original(of article: EditableArticle) async throws -> Original? {
        guard let first = try await queries.versions(group: article.translationGroup).first,
            first.id != article.id, let source = try await desk.load(id: first.id)
        else { return nil }
        return Original(
            edition: source.draft.edition, headline: source.draft.headline, lead: source.draft.lead,
            body: source.draft.body)
    }

    private func workflow(_ article: EditableArticle, member: StaffMember, csrf: String, strings: UIStrings) -> Workflow {
        let targets: [(ArticleStatus, String)] = [
            (.inReview, "submitForReview"), (.published, article.status == .unpublished ? "republish" : "publishNow"),
            (.scheduled, "schedule"), (.unpublished, "unpublish"), (.draft, "returnToDraft"),
        ]
        let moves = targets.filter {
            Permissions.mayMove(
                role: member.role, actorID: member.id, ownerID: article.createdBy, from: article.status, to: $0.0)
        }.map {
            Move(
                action: "/admin/articles/\(article.id)/move", csrf: csrf, to: $0.0.rawValue, label: strings[$0.1],
                needsTime: $0.0 == .scheduled,
                mayTime: $0.0 == .published && Permissions.allows(member.role, .setPublicationTime),
                timeZone: site.configuration.timeZone.identifier)
        }
        let timeZone = site.configuration.timeZone
        let mayRetime =
            article.status == .published && Permissions.allows(member.role, .setPublicationTime)
            || article.status == .scheduled && Permissions.allows(member.role, .schedule)
        let retime = article.publishedAt.flatMap { time in
            mayRetime
                ? Retime(
                    action: "/admin/articles/\(article.id)/time", csrf: csrf,
                    value: EditorForm.timeText(time, timeZone: timeZone), timeZone: timeZone.identifier,
                    mayMoveAddress: article.status == .published) : nil
        }
        let edition = site.edition(code: article.draft.edition)
        let isLive = article.status == .published && (article.publishedAt ?? .distantFuture) <= Date()
        return Workflow(
            statusName: strings["status_\(article.status.rawValue)"],
            publishedAt: article.status != .scheduled ? article.publishedAt.map { base.time($0, language: member.language) } : nil,
            scheduledFor: article.status == .scheduled ? article.publishedAt.map { base.time($0, language: member.language) } : nil,
            publicPath: isLive ? edition.flatMap { e in article.day.map { SitePath.article(e, $0, slug: article.slug).path } } : nil,
            previewPath: "/admin/articles/\(article.id)/preview", moves: moves, retime: retime)
    }

    /// The body rendered by the same renderer, with the same photo lookup, as the public article page.
    private func preview(_ draft: ArticleDraft, member: StaffMember) async throws -> Preview {
        let body = ArticleBody(parsing: draft.body)
        let photos = try await PublicQueries(database: desk.database).photos(ids: body.photoIDs, edition: draft.edition)
        let editionStrings = site.edition(code: draft.edition).map { site.context(for: $0).strings }
        let renderer = BodyRenderer(
            photos: Dictionary(uniqueKeysWithValues: photos.map { ($0.id, InlinePhoto(photo: $0)) }),
            creditLabel: editionStrings?["photoCredit"] ?? "Photo:")
        return Preview(
            label: draft.kind.isLabelled ? editionStrings?["kind_\(draft.kind.rawValue)"] : nil,
            headline: draft.headline, lead: draft.lead.isEmpty ? nil : draft.lead, html: renderer.html(body))
    }

    struct MessagePage {
        let title: String
        let message: String
    }

    struct EditionChoice {
        let title: String
        let editions: [NewsroomViews.Option]
    }

    /// "New article" asks first which edition the article is for, offering the one the member last wrote in.
    func chooseEdition(selected: String, member: StaffMember, csrf: String) throws -> Response {
        let title = strings(member)["newArticle"]
        let layout = base.layout(title: title, language: member.language, member: member, csrf: csrf)
        let model = EditionChoice(
            title: title,
            editions: site.configuration.editions.all.map {
                NewsroomViews.Option(value: $0.code, label: $0.name, selected: $0.code == selected)
            })
        return try base.page(model, template: "newsroom/new-article", layout: layout)
    }

    func message(member: StaffMember, csrf: String, key: String, status: HTTPResponse.Status) throws -> Response {
        let text = strings(member)[key]
        let layout = base.layout(title: text, language: member.language, member: member, csrf: csrf)
        let model = MessagePage(
            title: text, message: text)
        return try base.page(model, template: "newsroom/message", layout: layout, status: status)
    }
}

extension Optional {
    func asyncMap<U>(_ transform: (Wrapped) async throws -> U) async rethrows -> U? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
