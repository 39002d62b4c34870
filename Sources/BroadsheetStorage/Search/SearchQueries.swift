import BroadsheetDomain
import Foundation
import SQLKit

/// Finds published articles of an edition by what a reader typed: ranked by how well they match (the
/// headline counts most, then the lead, then the body), recent ones favoured.
public struct SearchQueries: Sendable {
    let database: NewsDatabase

    public init(database: NewsDatabase) {
        self.database = database
    }

    /// One page of the matching articles' ids, best first, and how many match in all.
    public func find(_ request: SearchRequest, edition: String, limit: Int, offset: Int = 0, now: Date) async throws
        -> (ids: [Int], total: Int)
    {
        let db = database.reads
        let at = now.epochSeconds
        let live = SummaryRow.live(at: now)
        switch database.engine {
        case .sqlite:
            let match = Self.ftsQuery(request)
            // bm25 is better when lower (negative); a recent article's is multiplied up to twice.
            let ids = try await db.raw(
                """
                SELECT a.id FROM article_search JOIN articles a ON a.id = article_search.rowid
                WHERE article_search MATCH \(bind: match) AND a.edition = \(bind: edition) AND \(live)
                ORDER BY bm25(article_search, 10.0, 4.0, 1.0)
                    * (1.0 + 30.0 / (30.0 + (\(bind: at) - a.published_at) / 86400.0)), a.id DESC
                LIMIT \(bind: limit) OFFSET \(bind: offset)
                """
            ).all(decodingColumn: "id", as: Int.self)
            let total = try await db.raw(
                """
                SELECT count(*) AS n FROM article_search JOIN articles a ON a.id = article_search.rowid
                WHERE article_search MATCH \(bind: match) AND a.edition = \(bind: edition) AND \(live)
                """
            ).first(decodingColumn: "n", as: Int.self) ?? 0
            return (ids, total)
        case .postgresql:
            let query = Self.tsQuery(request)
            let ids = try await db.raw(
                """
                SELECT a.id FROM article_search s JOIN articles a ON a.id = s.article_id
                WHERE s.document @@ to_tsquery('simple', \(bind: query)) AND a.edition = \(bind: edition) AND \(live)
                ORDER BY ts_rank(s.document, to_tsquery('simple', \(bind: query)))
                    * (1.0 + 30.0 / (30.0 + (\(bind: at) - a.published_at) / 86400.0)) DESC, a.id DESC
                LIMIT \(bind: limit) OFFSET \(bind: offset)
                """
            ).all(decodingColumn: "id", as: Int.self)
            let total = try await db.raw(
                """
                SELECT count(*) AS n FROM article_search s JOIN articles a ON a.id = s.article_id
                WHERE s.document @@ to_tsquery('simple', \(bind: query)) AND a.edition = \(bind: edition) AND \(live)
                """
            ).first(decodingColumn: "n", as: Int.self) ?? 0
            return (ids, total)
        }
    }

    /// FTS5's query language from our terms, which are letters and digits only: nothing a reader types reaches
    /// the syntax. Parts must all match; a phrase is quoted; a last lone word also matches as a prefix.
    static func ftsQuery(_ request: SearchRequest) -> String {
        request.parts.enumerated().map { index, part in
            let quoted = "\"" + part.joined(separator: " ") + "\""
            return index == request.parts.count - 1 && request.lastWordIsPrefix ? quoted + "*" : quoted
        }.joined(separator: " ")
    }

    /// The same for PostgreSQL's `to_tsquery`: `&` between parts, `<->` inside a phrase, `:*` for the prefix.
    static func tsQuery(_ request: SearchRequest) -> String {
        request.parts.enumerated().map { index, part in
            let phrase = part.joined(separator: " <-> ")
            let grouped = part.count > 1 ? "(" + phrase + ")" : phrase
            return index == request.parts.count - 1 && request.lastWordIsPrefix ? grouped + ":*" : grouped
        }.joined(separator: " & ")
    }
}
