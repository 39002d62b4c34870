import BroadsheetDomain
import BroadsheetTestSupport
import Foundation
import SQLKit
import Testing

@testable import BroadsheetStorage

/// Migration 011: today's per-edition sections, tags and authors become entries with a name per edition,
/// linked where the translation groups show they are the same.
@Suite("Sections, tags and authors across editions")
struct EntryLinkingTests {
    @Test("rows that are each other's most frequent partner join one entry; a conflicting third row stays apart")
    func mutualBestPartners() {
        let rows: [(id: Int, edition: String)] = [(1, "uk"), (2, "en"), (3, "ru"), (4, "en"), (5, "uk"), (6, "ru")]
        // 1 (uk) and 2 (en) stand together in 5 groups, 1 and 4 (en) in 1: 1 and 2 are one entry, 4 its own.
        // 3 (ru) pairs best with 2 (en) and 2 best with 3; 5 (uk) pairs best with 3, but 3's best Ukrainian
        // partner is 1: 5 stays apart. 6 stands nowhere.
        let pairs: [(x: Int, y: Int, n: Int)] = [
            (1, 2, 5), (2, 1, 5), (1, 4, 1), (4, 1, 1), (2, 3, 4), (3, 2, 4), (1, 3, 3), (3, 1, 3), (5, 3, 2), (3, 5, 2),
        ]
        #expect(EntryLinking.groups(rows: rows, pairs: pairs) == [[1, 2, 3], [4], [5], [6]])
    }

    @Test("never two rows of one edition in an entry, even when links chain them together")
    func oneRowPerEdition() {
        // 1 (uk) - 2 (en) strongly; 2 (en) - 3 (ru); 4 (uk) - 3 (ru) is 3's best Ukrainian partner and 4's best
        // Russian one, but joining it would put 1 and 4, both Ukrainian, in one entry.
        let rows: [(id: Int, edition: String)] = [(1, "uk"), (2, "en"), (3, "ru"), (4, "uk")]
        let pairs: [(x: Int, y: Int, n: Int)] = [
            (1, 2, 9), (2, 1, 9), (2, 3, 5), (3, 2, 5), (3, 4, 4), (4, 3, 4),
        ]
        #expect(EntryLinking.groups(rows: rows, pairs: pairs) == [[1, 2, 3], [4]])
    }

    @Test("the migration links the fixture's sections, tags and authors by its translation groups")
    func migrationLinksByTranslationGroups() async throws {
        try await TestDatabase.with { database in
            let fixture = try await NewsroomFixture.build(in: database)
            let db = database.sql
            // Back to the state before migration 011: no row belongs to an entry.
            for kind in EntryKind.allCases {
                try await db.update(kind.table).set(SQLIdentifier(kind.column), to: SQLLiteral.null).run()
                try await db.delete(from: kind.entries).run()
            }
            try await Migration011Entries.link(in: db, now: NewsroomFixture.now)
            let writer = NewsroomWriter(database: database)
            func entry(_ kind: EntryKind, _ id: Int) async throws -> Int? { try await writer.entry(of: kind, row: id) }
            let ids = fixture.ids
            #expect(try await entry(.section, ids.politicsEN) == entry(.section, ids.politicsUK))
            #expect(try await entry(.section, ids.cultureEN) != entry(.section, ids.politicsUK))
            #expect(try await entry(.tag, ids.energyEN) == entry(.tag, ids.energyUK))
            #expect(try await entry(.tag, ids.budgetEN) != entry(.tag, ids.energyUK))
            #expect(try await entry(.author, ids.authorEN) == entry(.author, ids.authorUK))
            for kind in EntryKind.allCases {
                let unlinked = try await db.select().column("id").from(kind.table)
                    .where(SQLIdentifier(kind.column), .is, SQLLiteral.null).all()
                #expect(unlinked.isEmpty, "every \(kind) row belongs to an entry")
            }
        }
    }
}
