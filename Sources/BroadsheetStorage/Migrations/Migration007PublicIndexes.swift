import SQLKit

/// Indexes for public reads that had none, found by the query-plan test.
enum Migration007PublicIndexes {
    static let migration = Migration(number: 7, name: "public indexes") { db in
        // Whether a photo file is one the database knows (`photoExists`): without it, each lookup read every photo.
        try await db.create(index: "photos_by_file").on("photos").column("file").run()
        // The top story: without the flag in an index, an edition that marks none read all its live articles to
        // find that out (60 ms at 20,000 articles an edition, against 0.5 ms).
        try await db.create(index: "articles_edition_top").on("articles")
            .column("edition").column("is_top").column("status").column("published_at").run()
    }
}
