import BroadsheetDomain
import BroadsheetStorage
import BroadsheetTestSupport
import Foundation
import Testing

/// Tag and author lists read from the links' own publication time (migration 008), kept by triggers.
@Suite("Tag and author lists")
struct LinkedListsTests {
    @Test("an article joins its tags' and author's lists when published, scheduled or not, and leaves when withdrawn")
    func followsTheWorkflow() async throws {
        try await TestDatabase.with { database in
            try await NewsroomWriter(database: database).syncEditions(.standard)
            let writer = NewsroomWriter(database: database)
            let author = try await writer.createAuthor(edition: "en", slug: "ola", name: "Ola", bio: "")
            let staff = try await StaffStore(database: database).add(
                email: "e@example.org", name: "E", role: .editor, passwordHash: "x", language: "en")
            let desk = ArticleDesk(database: database, timeZone: NewsroomFixture.kyiv)
            let queries = PublicQueries(database: database)
            let now = NewsroomFixture.now
            let draft = ArticleDraft(edition: "en", headline: "Dam repaired", tags: ["Water", "Repairs"], authorIDs: [author])
            let id = try await desk.create(draft, by: staff, now: now)
            let water = try #require(try await queries.tag(edition: "en", slug: "water"))
            let repairs = try #require(try await queries.tag(edition: "en", slug: "repairs"))
            func lists(at time: Date) async throws -> [[Int]] {
                [
                    try await queries.withTag(water.id, limit: 5, now: time).map(\.id),
                    try await queries.byAuthor(author, limit: 5, now: time).map(\.id),
                    try await queries.related(toTags: [water.id, repairs.id], excluding: 0, limit: 5, now: time).map(\.id),
                ]
            }
            #expect(try await lists(at: now) == [[], [], []], "a draft is in no list")
            try await desk.move(id: id, to: .published, by: staff, now: now)
            #expect(try await lists(at: now) == [[id], [id], [id]])
            #expect(try await queries.withTag(water.id, limit: 5, excluding: id, now: now).isEmpty)

            // Tags changed after publication: the new tag's list has it, the old one's not.
            var retagged = draft
            retagged.tags = ["Repairs", "Rivers"]
            try await desk.save(id: id, retagged, by: staff, now: now)
            let rivers = try #require(try await queries.tag(edition: "en", slug: "rivers"))
            #expect(try await queries.withTag(rivers.id, limit: 5, now: now).map(\.id) == [id])
            #expect(try await queries.withTag(water.id, limit: 5, now: now).isEmpty)

            try await desk.move(id: id, to: .unpublished, by: staff, now: now)
            #expect(try await queries.withTag(rivers.id, limit: 5, now: now).isEmpty)
            #expect(try await queries.byAuthor(author, limit: 5, now: now).isEmpty)

            let later = try await desk.create(ArticleDraft(edition: "en", headline: "Flood gates", tags: ["Rivers"]), by: staff, now: now)
            let at = now.addingTimeInterval(3600)
            try await desk.move(id: later, to: .scheduled, at: at, by: staff, now: now)
            #expect(try await queries.withTag(rivers.id, limit: 5, now: at).isEmpty, "scheduled is not live yet")
            #expect(try await desk.publishDue(now: at) == [later])
            #expect(try await queries.withTag(rivers.id, limit: 5, now: at).map(\.id) == [later])
        }
    }

    @Test("pages of a tag list are the newest first, in pages that neither skip nor repeat, and related merges tags")
    func pagesAndMerging() async throws {
        try await TestDatabase.with { database in
            let fixture = try await NewsroomFixture.build(in: database)
            let queries = PublicQueries(database: database)
            let now = NewsroomFixture.now
            let all = try await queries.withTag(fixture.ids.energyEN, limit: 50, now: now)
            #expect(all.count >= 5)
            #expect(all.map(\.publishedAt) == all.map(\.publishedAt).sorted(by: >))
            var paged: [Int] = []
            for page in 0..<((all.count + 1) / 2) {
                paged += try await queries.withTag(fixture.ids.energyEN, limit: 2, offset: page * 2, now: now).map(\.id)
            }
            #expect(paged == all.map(\.id))
            let related = try await queries.related(
                toTags: [fixture.ids.energyEN, fixture.ids.budgetEN], excluding: fixture.ids.showcaseEN, limit: 50, now: now)
            #expect(Set(related.map(\.id)) == Set(all.map(\.id)).subtracting([fixture.ids.showcaseEN]))
            #expect(related.count == Set(related.map(\.id)).count, "an article with both tags comes once")
        }
    }
}
