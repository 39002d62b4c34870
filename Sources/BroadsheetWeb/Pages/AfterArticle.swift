import BroadsheetDomain
import BroadsheetStorage
import Foundation

/// The headline blocks after an article. They change when other articles are published, so they are rendered
/// apart from the article and cached on their own: a publish re-renders them once, not every article page.
enum AfterArticle {
    static let relatedCount = 3
    static let moreOnCount = 5
    static let recentCount = 8

    /// "Related" (articles sharing a tag) and "More on <first tag>": one article's own blocks.
    static func related(
        articleID: Int, tags: [Tag], edition: EditionContext, queries: PublicQueries, now: Date
    ) async throws -> [HeadlineBlock] {
        let strings = edition.strings
        let related = try await queries.related(
            toTags: tags.map(\.id), excluding: articleID, limit: relatedCount, now: now)
        var blocks: [HeadlineBlock] = []
        if !related.isEmpty {
            blocks.append(
                HeadlineBlock(
                    blockID: "related", blockTitle: strings["related"], blockPath: nil,
                    blockItems: related.map { edition.headline($0, time: .none) }, blockMorePath: nil,
                    blockMoreText: nil))
        }
        if let firstTag = tags.first {
            // Leave out what "Related" already shows, so the two lists never repeat each other.
            let shown = Set(related.map(\.id))
            let more = try await queries.withTag(
                firstTag.id, limit: moreOnCount + shown.count, excluding: articleID, now: now
            ).filter { !shown.contains($0.id) }.prefix(moreOnCount)
            if !more.isEmpty {
                let tagPath = SitePath.tag(edition.edition, slug: firstTag.slug, page: 1).path
                blocks.append(
                    HeadlineBlock(
                        blockID: "more-on", blockTitle: "\(strings["moreOn"]) «\(firstTag.name)»", blockPath: tagPath,
                        blockItems: more.map { edition.headline($0, time: .none) }, blockMorePath: nil,
                        blockMoreText: nil))
            }
        }
        return blocks
    }

    /// What `related` shows, for purging: the lists of the article's tags and the first tag's name.
    static func relatedKeys(articleID: Int, tags: [Tag]) -> Set<SurrogateKey> {
        Set([.article(articleID)] + tags.map { .tagged($0.id) } + tags.prefix(1).map { .tag($0.id) })
    }

    /// The edition's newest articles, leaving out `excluding` (the article the block is under); and the ids shown.
    static func recent(
        excluding: Int?, edition: EditionContext, queries: PublicQueries, now: Date
    ) async throws -> (block: HeadlineBlock?, shown: [Int]) {
        let recent = try await queries.latest(edition: edition.edition.code, limit: recentCount + 1, now: now)
            .filter { $0.id != excluding }.prefix(recentCount)
        guard !recent.isEmpty else { return (nil, []) }
        let allNews = SitePath.allNews(edition.edition, page: 1).path
        let block = HeadlineBlock(
            blockID: "recent", blockTitle: edition.strings["recentNews"], blockPath: nil,
            blockItems: recent.map { edition.headline($0, time: .timeOrDate(now: now)) },
            blockMorePath: allNews, blockMoreText: edition.strings["allNews"])
        return (block, recent.map(\.id))
    }

    /// The blocks as HTML, as they go between the article and the footer.
    static func html(_ blocks: [HeadlineBlock]) -> HTMLWriter {
        var out = HTMLWriter(capacity: 4096)
        for block in blocks { HeadlineViews.block(block, into: &out) }
        return out
    }
}
