import BroadsheetDomain
import Foundation

/// 404, 410, 500 and 503 pages, in the edition's language, inside the site's chrome.
enum ErrorPage {
    enum Kind {
        case notFound
        case gone
        case failure
        /// The database cannot be reached for now.
        case unavailable

        var status: Int {
            switch self {
            case .notFound: 404
            case .gone: 410
            case .failure: 500
            case .unavailable: 503
            }
        }
    }

    struct Model {
        let chrome: Chrome
        let heading: String
        let text: String
        let recent: HeadlineBlock?
    }

    static func model(kind: Kind, builder: ChromeBuilder, recent: [ArticleSummary], now: Date) -> Model {
        let strings = builder.edition.strings
        let (heading, text) =
            switch kind {
            case .notFound: (strings["notFoundTitle"], strings["notFoundText"])
            case .gone: (strings["goneTitle"], strings["goneText"])
            case .failure: (strings["errorTitle"], strings["errorText"])
            case .unavailable: (strings["unavailableTitle"], strings["unavailableText"])
            }
        let edition = builder.edition
        return Model(
            chrome: builder.chrome(title: heading, description: nil, path: .home(edition.edition)),
            heading: heading, text: text,
            recent: recent.isEmpty
                ? nil
                : HeadlineBlock(
                    blockID: "recent", blockTitle: strings["recentNews"], blockPath: nil,
                    blockItems: recent.map { edition.headline($0, time: .timeOrDate(now: now)) },
                    blockMorePath: SitePath.allNews(edition.edition, page: 1).path, blockMoreText: strings["allNews"]))
    }
}
