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
    public func find(
        _ request: SearchRequest, edition: String, filter: SearchFilter = SearchFilter(), limit: Int, offset: Int = 0,
        now: Date
    ) async throws -> (ids: [Int], total: Int) {
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
        let matching: SQLQueryString =
            "FROM \(join) WHERE \(match) AND a.edition = \(bind: edition) AND \(SummaryRow.live(at: now))\(filter.conditions)"
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

    /// The articles of `ids` as a results page shows them, in the order of `ids`; those no longer live are left
    /// out (unpublished between the search and this).
    public func found(_ ids: [Int], now: Date) async throws -> [FoundArticle] {
        guard !ids.isEmpty else { return [] }
        let rows = try await database.reads.raw(
            """
            SELECT \(unsafeRaw: SummaryRow.columns), a.body FROM \(unsafeRaw: SummaryRow.from) \
            WHERE a.id IN \(SQLBind.group(ids)) AND \(SummaryRow.live(at: now))
            """
        ).all()
        var byID: [Int: FoundArticle] = [:]
        for row in rows {
            let summary = try SummaryRow(row: row).summary
            byID[summary.id] = FoundArticle(summary: summary, body: try row.decode(column: "body", as: String.self))
        }
        return ids.compactMap { byID[$0] }
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

/// What narrows a search besides its words; nil narrows nothing.
public struct SearchFilter: Sendable, Equatable {
    public var sectionID: Int?
    public var tagID: Int?
    public var kind: ArticleKind?
    /// Published at or after this moment.
    public var since: Date?
    /// Published before this moment.
    public var before: Date?

    public init(sectionID: Int? = nil, tagID: Int? = nil, kind: ArticleKind? = nil, since: Date? = nil, before: Date? = nil) {
        self.sectionID = sectionID
        self.tagID = tagID
        self.kind = kind
        self.since = since
        self.before = before
    }

    /// `AND ...` for each filter that is set, over articles `a`.
    var conditions: SQLQueryString {
        var sql: SQLQueryString = ""
        if let sectionID { sql += " AND a.section_id = \(bind: sectionID)" }
        if let tagID {
            sql += " AND a.id IN (SELECT article_id FROM article_tags WHERE tag_id = \(bind: tagID))"
        }
        if let kind { sql += " AND a.kind = \(bind: kind.rawValue)" }
        if let since { sql += " AND a.published_at >= \(bind: since.epochSeconds)" }
        if let before { sql += " AND a.published_at < \(bind: before.epochSeconds)" }
        return sql
    }
}

/// An article found by a search, with its body for the snippet.
public struct FoundArticle: Sendable {
    public let summary: ArticleSummary
    /// The body as stored (`ArticleBody(parsing:)` reads it).
    public let body: String
}
