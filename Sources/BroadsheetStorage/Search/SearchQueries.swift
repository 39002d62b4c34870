import BroadsheetDomain
import Foundation
import SQLKit

/// Finds published articles of an edition by what a reader typed: ranked by how well they match (the
/// headline counts most, then the lead, then the body), recent ones favoured.
public struct SearchQueries: Sendable {
    let database: NewsDatabase
    /// `candidateLimit`, smaller in tests.
    let candidates: Int

    public init(database: NewsDatabase, candidateLimit: Int = SearchQueries.candidateLimit) {
        self.database = database
        self.candidates = candidateLimit
    }

    /// How many matches are ranked at most: the newest this many. A common word matches a third of the archive,
    /// and ranking every match cost 100–300 ms at 100,000 articles; a reader pages through 1,000 results at most.
    public static let candidateLimit = 1_000

    /// One page of the matching articles' ids, best first, and how many match: exactly up to the candidate limit,
    /// one more meaning "more".
    ///
    /// The newest `candidateLimit + 1` matches are read newest first (the index's rows are in publication order
    /// on SQLite, and carry the publication time on PostgreSQL), each with the engine's relevance score; they are ranked here by
    /// relevance, with recent ones favoured. A match older than the newest thousand of a common word is not
    /// ranked: news search wants the recent one, and more words or a date range find the old.
    public func find(
        _ request: SearchRequest, edition: String, filter: SearchFilter = SearchFilter(), limit: Int, offset: Int = 0,
        now: Date
    ) async throws -> (ids: [Int], total: Int) {
        let rows = try await database.reads.raw(newestMatches(request, edition: edition, filter: filter, now: now)).all()
        var ranked: [(id: Int, score: Double)] = []
        ranked.reserveCapacity(rows.count)
        let at = Double(now.epochSeconds)
        // The one row past the limit only says there are more.
        for row in rows.prefix(candidates) {
            let age = max(0, (at - Double(try row.decode(column: "published_at", as: Int.self))) / 86_400)
            // A recent article's score counts up to twice: ×2 today, ×1.5 at 30 days, ×1.1 at a year.
            let score = try row.decode(column: "score", as: Double.self) * (1 + 30 / (30 + age))
            ranked.append((try row.decode(column: "id", as: Int.self), score))
        }
        ranked.sort { $0.score != $1.score ? $0.score > $1.score : $0.id > $1.id }
        let page = ranked.dropFirst(offset).prefix(limit).map(\.id)
        return (Array(page), rows.count)
    }

    /// The newest matches with their relevance (higher is better), their ids and publication times.
    private func newestMatches(_ request: SearchRequest, edition: String, filter: SearchFilter, now: Date)
        -> SQLQueryString
    {
        let live: SQLQueryString = "a.edition = \(bind: edition) AND \(SummaryRow.live(at: now))"
        let count = candidates + 1
        switch database.engine {
        case .sqlite:
            // The rowid is the publication time shifted left 24 bits (`SearchIndex.rowKey`): the date filters
            // become ranges FTS5 seeks to instead of rows it reads and drops; section, kind and tag are words of
            // the index row's `facets` column. The join only checks that an article is live.
            var range: SQLQueryString = " AND article_search.rowid < \(bind: (now.epochSeconds + 1) << 24)"
            if let since = filter.since { range += " AND article_search.rowid >= \(bind: since.epochSeconds << 24)" }
            if let before = filter.before { range += " AND article_search.rowid < \(bind: before.epochSeconds << 24)" }
            var facets: [String] = []
            if let section = filter.sectionID { facets.append(SearchIndex.Facet.section(section)) }
            if let tag = filter.tagID { facets.append(SearchIndex.Facet.tag(tag)) }
            if let kind = filter.kind { facets.append(SearchIndex.Facet.kind(kind.rawValue, edition: edition)) }
            // What the reader typed matches the text columns only, so no typed word can match a facet.
            let match = (["{headline lead body} : (\(Self.ftsQuery(request)))"] + facets.map { "facets : \($0)" })
                .joined(separator: " AND ")
            // bm25 is better when lower (negative): the score is its negation. The facets count for nothing.
            return """
                SELECT r.article_id AS id, -bm25(article_search, 10.0, 4.0, 1.0, 0.0) AS score, a.published_at
                FROM article_search JOIN article_search_rows r ON r.row = article_search.rowid
                JOIN articles a INDEXED BY articles_search_live ON a.id = r.article_id
                WHERE article_search MATCH \(bind: match)\(range) AND \(live)
                ORDER BY article_search.rowid DESC LIMIT \(literal: count)
                """
        case .postgresql:
            let query: SQLQueryString = "to_tsquery('simple', \(bind: Self.tsQuery(request)))"
            // ts_rank reads the whole document: only for the newest matches, after the limit, each by its key (a
            // join here was planned as a scan of the whole index table).
            return """
                SELECT m.id, m.published_at,
                    (SELECT ts_rank(s.document, \(query)) FROM article_search s WHERE s.article_id = m.id) AS score
                FROM (\(newestLive(query: query, live: live, filter: filter, edition: edition, count: count, now: now))) m
                """
        }
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

    /// PostgreSQL's newest live matches (`id`, `published_at`). Without filters on the articles, the newest
    /// matches are taken from the index table alone, with room for some that are not live, and only those are
    /// joined to the articles: the planner otherwise joins every match of a common word first (130 ms at 100,000
    /// articles). A section, tag or kind is on the articles, so with one the join comes first.
    private func newestLive(
        query: SQLQueryString, live: SQLQueryString, filter: SearchFilter, edition: String, count: Int, now: Date
    ) -> SQLQueryString {
        var range: SQLQueryString = "s.published_at <= \(bind: now.epochSeconds)"
        if let since = filter.since { range += " AND s.published_at >= \(bind: since.epochSeconds)" }
        if let before = filter.before { range += " AND s.published_at < \(bind: before.epochSeconds)" }
        let matches: SQLQueryString = "s.document @@ \(query) AND s.edition = \(bind: edition) AND \(range)"
        if filter.sectionID == nil, filter.tagID == nil, filter.kind == nil {
            return """
                SELECT a.id, a.published_at FROM (
                    SELECT s.article_id, s.published_at FROM article_search s WHERE \(matches)
                    ORDER BY s.published_at DESC, s.article_id DESC LIMIT \(literal: count + count / 10)
                ) c JOIN articles a ON a.id = c.article_id WHERE \(live)
                ORDER BY a.published_at DESC, a.id DESC LIMIT \(literal: count)
                """
        }
        return """
            SELECT a.id, a.published_at FROM article_search s JOIN articles a ON a.id = s.article_id
            WHERE \(matches) AND \(live)\(filter.conditions)
            ORDER BY s.published_at DESC, s.article_id DESC LIMIT \(literal: count)
            """
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

    /// `AND ...` for the section, tag and kind, over articles `a` (PostgreSQL; SQLite narrows in its index, and
    /// dates are ranges of the index on both).
    var conditions: SQLQueryString {
        var sql: SQLQueryString = ""
        if let sectionID { sql += " AND a.section_id = \(bind: sectionID)" }
        if let tagID {
            sql += " AND a.id IN (SELECT article_id FROM article_tags WHERE tag_id = \(bind: tagID))"
        }
        if let kind { sql += " AND a.kind = \(bind: kind.rawValue)" }
        return sql
    }
}

/// An article found by a search, with its body for the snippet.
public struct FoundArticle: Sendable {
    public let summary: ArticleSummary
    /// The body as stored (`ArticleBody(parsing:)` reads it).
    public let body: String
}
