import SQLKit

/// The articles' full-text index (`SearchIndex`). Empty here: filling it for a large archive takes minutes,
/// which a server must not spend before it starts, so the server catches up in the background
/// (`SearchIndex.catchUp`); `broadsheet reindex` does the same at once.
enum Migration009SearchIndex {
    static let migration = Migration(number: 9, name: "search index") { db in
        try await SearchIndex.create(in: db)
    }
}
