import BroadsheetDomain
import BroadsheetStorage
import Foundation

/// The article page: the fourteen parts of DESIGN.md in reading order; a part with nothing to show is left out.
enum ArticlePage {
    struct Model {
        struct AuthorLink {
            let name: String
            let path: String
            let separator: String
        }
        struct MainPhoto {
            let src: String
            let width: Int
            let height: Int
            let alt: String
            let caption: String
            let credit: String?
        }
        struct SourceItem {
            let name: String
            let what: String?
            let url: String?
            let separator: String
        }
        struct Sources {
            let label: String
            let items: [SourceItem]
        }
        struct Block {
            let html: String
            let isAd: Bool
        }
        struct TagLink {
            let name: String
            let path: String
        }
        struct CorrectionLine {
            let label: String
            let date: String
            let datetime: String
            let text: String
        }

        let chrome: Chrome
        let label: String?
        let breaking: Bool
        let headline: String
        let hasAuthors: Bool
        let byLabel: String
        let authors: [AuthorLink]
        let published: String
        let publishedISO: String
        let updated: String?
        let updatedISO: String?
        let lead: String?
        let photo: MainPhoto?
        let sources: Sources?
        let blocks: [Block]
        let hasCorrections: Bool
        let corrections: [CorrectionLine]
        let support: SupportCall?
        let hasTags: Bool
        let tags: [TagLink]
        /// What the page shows (the blocks after the article aside), for the page cache and Surrogate-Key.
        let shows: Set<SurrogateKey>
    }

    /// The page but for the blocks after the article ("Related", "More on", recent news: `AfterArticle`),
    /// which change when other articles do and are rendered apart.
    static func model(article: Article, frame: PageFrame, queries: PublicQueries) async throws -> Model {
        let edition = frame.edition
        let strings = edition.strings
        let summary = article.summary
        let path = SitePath.article(edition.edition, summary.day, slug: summary.slug)

        let body = ArticleBody(parsing: article.body)
        let photos = try await queries.photos(ids: body.photoIDs, edition: summary.edition)
        let renderer = BodyRenderer(
            photos: Dictionary(uniqueKeysWithValues: photos.map { ($0.id, InlinePhoto(photo: $0)) }),
            creditLabel: strings["photoCredit"])
        let blocks = placeAdvertisements(in: renderer.render(body), settings: frame.settings)

        let translations = try await queries.translations(
            group: article.translationGroup, excluding: article.id, now: frame.now)
        var switcher: [String: SitePath] = [:]
        for version in translations {
            if let other = frame.builder.site.edition(code: version.edition) {
                switcher[other.code] = .article(other, version.day, slug: version.slug)
            }
        }
        var alternates = switcher
        var xDefault: SitePath?
        if !switcher.isEmpty {
            alternates[edition.edition.code] = path
            // x-default: the default edition's version, else the version published first.
            let primary = frame.builder.site.configuration.editions.primary
            let first = ([summary] + translations).min { $0.publishedAt < $1.publishedAt }
            xDefault = alternates[primary.code]
                ?? first.flatMap { first in
                    frame.builder.site.edition(code: first.edition).map { SitePath.article($0, first.day, slug: first.slug) }
                }
        }
        let configuration = frame.builder.site.configuration
        let absolute = { (path: SitePath) in configuration.absoluteURL(path.path) }
        let logo = configuration.absoluteURL("/static/\(frame.builder.site.logo.fileName)")
        var crumbs: [(name: String, url: String)] = [(configuration.siteName, absolute(.home(edition.edition)))]
        if let section = article.section {
            crumbs.append((section.name, absolute(.section(edition.edition, slug: section.slug, page: 1))))
        }
        crumbs.append((summary.headline, absolute(path)))
        let facts = StructuredData.ArticleFacts(
            kind: summary.kind, headline: summary.headline, description: summary.lead, url: absolute(path),
            published: summary.publishedAt, modified: article.updatedAt ?? summary.publishedAt,
            language: edition.edition.code,
            authors: article.authors.map { ($0.name, absolute(.author(edition.edition, slug: $0.slug, page: 1))) },
            image: summary.photo.map { (absolute(.photo(file: $0.file)), $0.width, $0.height) },
            section: article.section?.name, keywords: article.tags.map(\.name), publisherName: configuration.siteName,
            publisherURL: absolute(.home(edition.edition)), logo: logo)
        let extras = HeadExtras(
            ogType: "article",
            image: summary.photo.map {
                Chrome.SocialImage(url: absolute(.photo(file: $0.file)), width: $0.width, height: $0.height, alt: $0.altText)
            },
            jsonLD: [StructuredData.article(facts), StructuredData.breadcrumbs(crumbs)], xDefault: xDefault)

        let corrections = article.corrections

        let authors = article.authors.enumerated().map { index, author in
            Model.AuthorLink(
                name: author.name, path: SitePath.author(edition.edition, slug: author.slug, page: 1).path,
                separator: index == article.authors.count - 1
                    ? "" : (index == article.authors.count - 2 ? " \(strings["and"]) " : ", "))
        }
        let sources = article.sources.enumerated().map { index, source in
            Model.SourceItem(
                name: source.name, what: source.what.isEmpty ? nil : source.what,
                url: source.url.flatMap { LinkPolicy.isAllowed($0) ? $0 : nil },
                separator: index == article.sources.count - 1 ? "" : "; ")
        }
        return Model(
            chrome: frame.builder.chrome(
                title: summary.headline, description: summary.lead, path: path,
                currentSectionID: article.section?.id, switcher: switcher, alternates: alternates, extras: extras),
            label: edition.label(for: summary),
            breaking: summary.isBreaking,
            headline: summary.headline,
            hasAuthors: !authors.isEmpty,
            byLabel: strings[authors.count == 1 ? "byOne" : "byMany"],
            authors: authors,
            published: edition.calendar.dateTime(summary.publishedAt),
            publishedISO: ISO8601.string(summary.publishedAt),
            updated: article.updatedAt.map { edition.calendar.dateTime($0) },
            updatedISO: article.updatedAt.map { ISO8601.string($0) },
            lead: summary.lead.isEmpty ? nil : summary.lead,
            photo: summary.photo.map {
                Model.MainPhoto(
                    src: SitePath.photo(file: $0.file).path, width: $0.width, height: $0.height, alt: $0.altText,
                    caption: $0.caption, credit: $0.credit.isEmpty ? nil : $0.credit)
            },
            sources: sources.isEmpty
                ? nil : Model.Sources(label: strings[sources.count == 1 ? "sourceOne" : "sourceMany"], items: sources),
            blocks: blocks,
            hasCorrections: !corrections.isEmpty,
            corrections: corrections.map {
                Model.CorrectionLine(
                    label: strings["correction"], date: edition.calendar.dateTime($0.at), datetime: ISO8601.string($0.at),
                    text: $0.text)
            },
            support: frame.builder.support.flatMap { $0.url.isEmpty || $0.text.isEmpty ? nil : $0 },
            hasTags: !article.tags.isEmpty,
            tags: article.tags.map {
                Model.TagLink(name: $0.name, path: SitePath.tag(edition.edition, slug: $0.slug, page: 1).path)
            },
            shows: frame.keys.union(
                [.article(article.id), .translationGroup(article.translationGroup)]
                    + article.tags.map { .tag($0.id) } + article.authors.map { .author($0.id) }
                    + (photos.map(\.id) + [summary.photo?.id].compactMap { $0 }).map { .photo($0) }))
    }

    /// Puts one slot after every `adEvery` paragraphs, slots in order, never after the last block.
    static func placeAdvertisements(in blocks: [RenderedBlock], settings: NewsroomSettings) -> [Model.Block] {
        var result: [Model.Block] = []
        var slots = settings.adEvery > 0 ? settings.adSlots[...] : []
        var paragraphs = 0
        for (index, block) in blocks.enumerated() {
            result.append(Model.Block(html: block.html, isAd: false))
            guard block.isParagraph else { continue }
            paragraphs += 1
            if paragraphs % max(settings.adEvery, 1) == 0, index < blocks.count - 1, let slot = slots.popFirst() {
                result.append(Model.Block(html: slot.html, isAd: true))
            }
        }
        return result
    }
}

extension InlinePhoto {
    init(photo: Photo) {
        self.init(
            src: SitePath.photo(file: photo.file).path, width: photo.width, height: photo.height, alt: photo.altText,
            caption: photo.caption, credit: photo.credit)
    }
}
