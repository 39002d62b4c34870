import BroadsheetDomain
import Foundation
import NIOCore

/// A rendered piece that pages are assembled from: an article page without its blocks of other articles'
/// headlines (which it names instead), or one such block.
final class PagePart: Sendable {
    enum Piece: Sendable {
        case html(ByteBuffer)
        /// "Related" and "More on <tag>" of this article.
        case related(articleID: Int, tags: [Tag])
        /// The edition's recent news, without this article.
        case recentNews(articleID: Int)
    }

    let pieces: [Piece]
    let keys: Set<SurrogateKey>
    let validUntil: Date
    /// The articles a block of headlines lists (recent news: an article among them gets a variant without it).
    let shown: [Int]

    init(pieces: [Piece], keys: Set<SurrogateKey>, validUntil: Date, shown: [Int] = []) {
        self.pieces = pieces.map { piece in
            if case .html(let bytes) = piece { return .html(bytes.exactCopy()) }
            return piece
        }
        self.keys = keys
        self.validUntil = validUntil
        self.shown = shown
    }

    /// A block of headlines, all HTML.
    convenience init(html: HTMLWriter, keys: Set<SurrogateKey>, validUntil: Date, shown: [Int] = []) {
        self.init(pieces: [.html(html.bytes)], keys: keys, validUntil: validUntil, shown: shown)
    }

    var cost: Int {
        pieces.reduce(512 + 64 * keys.count) { total, piece in
            if case .html(let bytes) = piece { return total + bytes.capacity }
            return total + 64
        }
    }
}
