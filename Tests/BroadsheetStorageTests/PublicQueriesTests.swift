import BroadsheetDomain
import BroadsheetStorage
import BroadsheetTestSupport
import Foundation
import Testing

@Suite("Public queries")
struct PublicQueriesTests {
    let now = NewsroomFixture.now

    /// Runs `body` over a fresh database holding the fixture newsroom.
    func withFixture(_ body: @Sendable (PublicQueries, NewsroomFixture) async throws -> Void) async throws {
        try await TestDatabase.with { database in
            let fixture = try await NewsroomFixture.build(in: database)
            try await body(PublicQueries(database: database), fixture)
        }
    }

    @Test("latest lists only live articles of the edition, newest first")
    func latestIsLiveAndOrdered() async throws {
        let now = self.now
        try await withFixture { queries, fixture in
            let latest = try await queries.latest(edition: "en", limit: 50, now: now)
            let hidden = [fixture.ids.draftEN, fixture.ids.scheduledEN, fixture.ids.futureEN, fixture.ids.unpublishedEN]
            #expect(latest.count == 5)
            #expect(latest.allSatisfy { !hidden.contains($0.id) && $0.edition == "en" })
            #expect(latest.map(\.publishedAt) == latest.map(\.publishedAt).sorted(by: >))
            #expect(latest.first?.id == fixture.ids.showcaseEN)
        }
    }

    @Test("latest pages with limit and offset")
    func latestPages() async throws {
        let now = self.now
        try await withFixture { queries, _ in
            let first = try await queries.latest(edition: "en", limit: 2, offset: 0, now: now)
            let second = try await queries.latest(edition: "en", limit: 2, offset: 2, now: now)
            #expect(first.count == 2 && second.count == 2)
            #expect(Set(first.map(\.id)).isDisjoint(with: second.map(\.id)))
        }
    }

    @Test("a future-dated article appears once its time has come")
    func futureArticleAppearsLater() async throws {
        let now = self.now
        try await withFixture { queries, fixture in
            let later = try await queries.latest(edition: "en", limit: 50, now: now.addingTimeInterval(3 * 3600))
            #expect(later.contains { $0.id == fixture.ids.futureEN })
        }
    }

    @Test("the top story is the newest article marked top")
    func topStory() async throws {
        let now = self.now
        try await withFixture { queries, fixture in
            let english = try await queries.topStory(edition: "en", now: now)
            let ukrainian = try await queries.topStory(edition: "uk", now: now)
            #expect(english?.id == fixture.ids.olderEN)
            #expect(ukrainian == nil)
        }
    }

    @Test("section, tag and author lists hold only their live articles")
    func sectionTagAuthor() async throws {
        let now = self.now
        try await withFixture { queries, fixture in
            let politics = try await queries.inSection(fixture.ids.politicsEN, limit: 50, now: now)
            #expect(Set(politics.map(\.id)) == [fixture.ids.showcaseEN, fixture.ids.olderEN])
            let energy = try await queries.withTag(fixture.ids.energyEN, limit: 50, now: now)
            #expect(energy.count == 5)
            let byAuthor = try await queries.byAuthor(fixture.ids.authorEN, limit: 50, now: now)
            #expect(byAuthor.map(\.id) == [fixture.ids.showcaseEN, fixture.ids.olderEN])
            #expect(try await queries.section(edition: "en", slug: "politics")?.name == "Politics")
            #expect(try await queries.section(edition: "uk", slug: "politics") == nil)
            #expect(try await queries.tag(edition: "en", slug: "energy")?.id == fixture.ids.energyEN)
            #expect(try await queries.author(edition: "en", slug: "olena-koval")?.bio == "Political correspondent.")
        }
    }

    @Test("related articles share a tag, exclude the article itself, newest first")
    func related() async throws {
        let now = self.now
        try await withFixture { queries, fixture in
            let related = try await queries.related(
                toTags: [fixture.ids.budgetEN], excluding: fixture.ids.showcaseEN, limit: 10, now: now)
            #expect(related.map(\.id) == [fixture.ids.olderEN])
            #expect(try await queries.related(toTags: [], excluding: 0, limit: 5, now: now).isEmpty)
        }
    }

    @Test("a day lists what was published that local day")
    func onDay() async throws {
        let now = self.now
        try await withFixture { queries, fixture in
            let day = NewsroomFixture.day(NewsroomFixture.hoursAgo(3))
            let items = try await queries.onDay(edition: "en", day: day, now: now)
            #expect(items.contains { $0.id == fixture.ids.showcaseEN })
            #expect(!items.contains { $0.id == fixture.ids.draftEN })
            #expect(items.allSatisfy { $0.day == day })
        }
    }

    @Test("article lookup: found, moved after a slug change, gone when unpublished, not found otherwise")
    func articleLookup() async throws {
        let now = self.now
        try await withFixture { queries, fixture in
            let showcaseDay = NewsroomFixture.day(NewsroomFixture.hoursAgo(3))
            guard case .found(let article) = try await queries.article(
                edition: "en", day: showcaseDay, slug: "how-the-grid-survives-a-heatwave", now: now)
            else {
                Issue.record("the showcase article was not found")
                return
            }
            #expect(article.id == fixture.ids.showcaseEN)
            #expect(article.tags.map(\.slug) == ["energy", "budget"])
            #expect(article.authors.map(\.name) == ["Olena Koval", "Andrii Melnyk"])
            #expect(article.sources.map(\.name) == ["Grid operator", "Ministry of Energy"])
            #expect(article.section?.slug == "politics")
            #expect(article.summary.photo?.credit == "Test Studio")
            #expect(article.updatedAt != nil)

            let olderDay = NewsroomFixture.day(NewsroomFixture.hoursAgo(30))
            guard case .moved(let moved) = try await queries.article(
                edition: "en", day: olderDay, slug: "parliament-passes-budget-draft", now: now)
            else {
                Issue.record("the old URL did not lead to the article")
                return
            }
            #expect(moved.slug == "parliament-passes-the-budget")

            let goneDay = NewsroomFixture.day(NewsroomFixture.hoursAgo(50))
            guard case .gone = try await queries.article(edition: "en", day: goneDay, slug: "withdrawn-story", now: now)
            else {
                Issue.record("an unpublished article was not gone")
                return
            }
            for (slug, date) in [
                ("secret-draft-story", NewsroomFixture.hoursAgo(4)),
                ("scheduled-story-for-tomorrow", now.addingTimeInterval(86_400)),
                ("future-dated-story", now.addingTimeInterval(7_200)),
                ("no-such-story", now),
            ] {
                guard case .notFound = try await queries.article(
                    edition: "en", day: NewsroomFixture.day(date), slug: slug, now: now)
                else {
                    Issue.record("\(slug) should not be found")
                    continue
                }
            }
        }
    }

    @Test("translations list the group's other live versions")
    func translations() async throws {
        let now = self.now
        try await withFixture { queries, fixture in
            let day = NewsroomFixture.day(NewsroomFixture.hoursAgo(3))
            guard case .found(let article) = try await queries.article(
                edition: "en", day: day, slug: "how-the-grid-survives-a-heatwave", now: now)
            else {
                Issue.record("the showcase article was not found")
                return
            }
            let versions = try await queries.translations(group: article.translationGroup, excluding: fixture.ids.showcaseEN, now: now)
            #expect(versions.map(\.id) == [fixture.ids.showcaseUK])
        }
    }
}
