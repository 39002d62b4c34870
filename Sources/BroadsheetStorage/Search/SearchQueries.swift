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
        let at = now.epochSeconds
        // The engines differ in how the index is joined, matched and scored; the rest is one statement.
        let (join, match, score): (SQLQueryString, SQLQueryString, SQLQueryString) =
            switch database.engine {
            case .sqlite:
                // bm25 is better when lower (negative): the score is its negation.
                (
                    "article_search JOIN articles a ON a.id = article_search.rowid",
                    "article_search MATCH \(bind: Self.ftsQuery(request))",
                    "-bm25(article_search, 10.0, 4.0, 1.0)"
                )
            case .postgresql:
                (
                    "article_search s JOIN articles a ON a.id = s.article_id",
                    "s.document @@ to_tsquery('simple', \(bind: Self.tsQuery(request)))",
                    "ts_rank(s.document, to_tsquery('simple', \(bind: Self.tsQuery(request))))"
                )
            }
        let matching: SQLQueryString = "FROM \(join) WHERE \(match) AND a.edition = \(bind: edition) AND \(SummaryRow.live(at: now))"
        // A recent article's score counts up to twice: ×2 today, ×1.5 at 30 days, ×1.1 at a year.
        let ids = try await database.reads.raw(
            """
            SELECT a.id \(matching)
            ORDER BY \(score) * (1.0 + 30.0 / (30.0 + (\(bind: at) - a.published_at) / 86400.0)) DESC, a.id DESC
            LIMIT \(bind: limit) OFFSET \(bind: offset)
            """
        ).all(decodingColumn: "id", as: Int.self)
        let total = try await database.reads.raw("SELECT count(*) AS n \(matching)")
            .first(decodingColumn: "n", as: Int.self) ?? 0
        return (ids, total)
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
