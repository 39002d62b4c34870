import BroadsheetDomain
import BroadsheetStorage
import Foundation
import Hummingbird

/// The saved article shown exactly as the public article page will show it: same model, same template.
struct ArticlePreview: Sendable {
    let gate: NewsroomSite
    let desk: ArticleDesk
    let queries: PublicQueries
    let settings: SettingsStore

    func addRoutes(to router: Router<BroadsheetRequestContext>) {
        router.get("admin/articles/:id/preview") { request, context in
            try await gate.signedIn(request, context, may: .viewNewsroom) { member, session, _ in
                guard let id = context.parameters.get("id", as: Int.self), let article = try await desk.load(id: id),
                    let edition = gate.site.edition(code: article.draft.edition)
                else {
                    return gate.security.seeOther("/admin/articles")
                }
                guard Permissions.mayEdit(role: member.role, actorID: member.id, ownerID: article.createdBy, status: article.status)
                    || Permissions.allows(member.role, .editAnyArticle)
                else {
                    return try gate.views.forbidden(member: member, csrf: session.csrfToken)
                }
                let now = gate.clock()
                let frame = try await PageFrame.load(site: gate.site, edition: edition, queries: queries, settings: settings, now: now)
                let shown = try await publicArticle(article, now: now)
                let context = gate.site.context(for: edition)
                let related = try await AfterArticle.related(
                    articleID: shown.id, tags: shown.tags, edition: context, queries: queries, now: now)
                let recent = try await AfterArticle.recent(excluding: shown.id, edition: context, queries: queries, now: now)
                let after = AfterArticle.html(related + [recent.block].compactMap { $0 })
                let model = try await ArticlePage.model(article: shown, frame: frame, queries: queries)
                return gate.security.page(String(buffer: ArticleView.html(model, afterArticle: after).bytes))
            }
        }
    }

    /// The article as readers would get it if it were published now.
    private func publicArticle(_ article: EditableArticle, now: Date) async throws -> Article {
        let draft = article.draft
        let photo = try await draft.mainPhotoID.asyncMap { try await queries.photos(ids: [$0], edition: draft.edition).first } ?? nil
        let calendar = EditionCalendar(localeIdentifier: "en_GB", timeZone: gate.site.configuration.timeZone)
        let publishedAt = article.publishedAt ?? now
        let summary = ArticleSummary(
            id: article.id, edition: draft.edition, kind: draft.kind, headline: draft.headline, slug: article.slug,
            day: article.day ?? calendar.localDay(publishedAt), publishedAt: publishedAt, lead: draft.lead,
            isBreaking: draft.isBreaking, photo: photo)
        let links = try await queries.links(ofArticle: article.id)
        return Article(
            summary: summary, status: article.status, translationGroup: article.translationGroup, body: draft.body,
            updatedAt: article.updatedAt, section: try await draft.sectionID.asyncMap { try await queries.section(id: $0) } ?? nil,
            tags: links.tags, authors: links.authors, sources: draft.sources, corrections: links.corrections)
    }
}
