import BroadsheetDomain
import BroadsheetStorage
import Foundation

/// An edition's front page: the top story, the latest news and a block per section.
enum HomePage {
    struct Model {
        struct TopStory {
            let headline: String
            let path: String
            let label: String?
            let breaking: Bool
            let lead: String
            let time: String
            let datetime: String
            let photo: HeadlineItem.Thumbnail?
        }
        let chrome: Chrome
        let heading: String
        let top: TopStory?
        let latest: HeadlineBlock?
        let sectionBlocks: [HeadlineBlock]
        let empty: Bool
        /// What the page shows, for the page cache and the Surrogate-Key header.
        let shows: Set<SurrogateKey>
    }

    static let latestCount = 12
    static let perSection = 4

    static func model(frame: PageFrame, queries: PublicQueries) async throws -> Model {
        let edition = frame.edition
        let code = edition.edition.code
        let latest = try await queries.latest(edition: code, limit: latestCount + 1, now: frame.now)
        let top = try await queries.topStory(edition: code, now: frame.now) ?? latest.first
        var blocks: [HeadlineBlock] = []
        var photos: [SurrogateKey] = top?.photo.map { [.photo($0.id)] } ?? []
        let newest = try await queries.newestBySection(frame.builder.sections.map(\.id), perSection: perSection, now: frame.now)
        for section in frame.builder.sections {
            guard let items = newest[section.id], !items.isEmpty else { continue }
            if let photo = items[0].photo { photos.append(.photo(photo.id)) }
            let path = SitePath.section(edition.edition, slug: section.slug, page: 1).path
            blocks.append(
                HeadlineBlock(
                    blockID: "section-\(section.slug)", blockTitle: section.name, blockPath: path,
                    blockItems: items.enumerated().map { index, item in
                        edition.headline(item, time: .none, withLead: index == 0, withPhoto: index == 0)
                    },
                    blockMorePath: path, blockMoreText: "\(edition.strings["moreInSection"]): \(section.name)"))
        }
        let rest = latest.filter { $0.id != top?.id }.prefix(latestCount)
        let allNews = SitePath.allNews(edition.edition, page: 1).path
        let configuration = frame.builder.site.configuration
        let homeURL = configuration.absoluteURL(SitePath.home(edition.edition).path)
        let logo = configuration.absoluteURL("/static/\(frame.builder.site.logo.fileName)")
        // The edition homes are versions of one page: each names the others, and x-default is the default edition's.
        var alternates: [String: SitePath] = [:]
        for other in configuration.editions.all { alternates[other.code] = .home(other) }
        let extras = HeadExtras(
            image: Chrome.SocialImage(url: logo, width: 600, height: 60, alt: configuration.siteName),
            jsonLD: [
                StructuredData.organization(name: configuration.siteName, url: homeURL, logo: logo),
                StructuredData.website(
                    name: configuration.siteName, url: homeURL, language: edition.edition.code,
                    searchURL: configuration.absoluteURL(SitePath.search(edition.edition).path)),
            ],
            xDefault: .home(configuration.editions.primary))
        return Model(
            chrome: frame.builder.chrome(
                title: nil, description: edition.strings["homeDescription"], path: .home(edition.edition),
                alternates: alternates, extras: extras),
            heading: frame.builder.site.configuration.siteName,
            top: top.map { story in
                Model.TopStory(
                    headline: story.headline, path: SitePath.article(edition.edition, story.day, slug: story.slug).path,
                    label: edition.label(for: story), breaking: story.isBreaking, lead: story.lead,
                    time: edition.calendar.dateTime(story.publishedAt), datetime: ISO8601.string(story.publishedAt),
                    photo: story.photo.map {
                        .init(src: SitePath.photo(file: $0.file).path, width: $0.width, height: $0.height, alt: $0.altText)
                    })
            },
            latest: rest.isEmpty
                ? nil
                : HeadlineBlock(
                    blockID: "latest", blockTitle: edition.strings["latestNews"], blockPath: allNews,
                    blockItems: rest.map { edition.headline($0, time: .timeOrDate(now: frame.now)) },
                    blockMorePath: allNews, blockMoreText: edition.strings["allNews"]),
            sectionBlocks: blocks,
            empty: top == nil,
            shows: frame.keys.union([.latest(code)] + photos))
    }
}
