import Foundation

/// What the editor edits: every field of an article a person types or picks. Saved whole as each revision.
public struct ArticleDraft: Sendable, Hashable, Codable {
    public var edition: String
    public var kind: ArticleKind
    public var headline: String
    /// Empty means "make it from the headline".
    public var slug: String
    public var lead: String
    public var body: String
    public var sectionID: Int?
    /// Tag names as typed; new names become new tags of the edition.
    public var tags: [String]
    public var authorIDs: [Int]
    public var sources: [ArticleSource]
    public var mainPhotoID: Int?
    public var isBreaking: Bool
    public var isTop: Bool

    public init(
        edition: String, kind: ArticleKind = .news, headline: String = "", slug: String = "", lead: String = "",
        body: String = "", sectionID: Int? = nil, tags: [String] = [], authorIDs: [Int] = [],
        sources: [ArticleSource] = [], mainPhotoID: Int? = nil, isBreaking: Bool = false, isTop: Bool = false
    ) {
        self.edition = edition
        self.kind = kind
        self.headline = headline
        self.slug = slug
        self.lead = lead
        self.body = body
        self.sectionID = sectionID
        self.tags = tags
        self.authorIDs = authorIDs
        self.sources = sources
        self.mainPhotoID = mainPhotoID
        self.isBreaking = isBreaking
        self.isTop = isTop
    }

    /// A field the newsroom must fix before the draft can be saved.
    public enum Problem: String, Sendable, Hashable, CaseIterable {
        case headlineMissing
        case headlineTooLong
        case slugInvalid
        case leadTooLong
        case bodyTooLong
        case sourceInvalid
        case tooManyTags
    }

    public static let headlineLimit = 300
    public static let leadLimit = 1_000
    public static let bodyLimit = 200_000

    /// Everything wrong with the draft, in the order of the form.
    public var problems: [Problem] {
        var problems: [Problem] = []
        let headline = headline.trimmingCharacters(in: .whitespacesAndNewlines)
        if headline.isEmpty { problems.append(.headlineMissing) }
        if headline.count > Self.headlineLimit { problems.append(.headlineTooLong) }
        if !slug.isEmpty && !Slug.isValid(slug) { problems.append(.slugInvalid) }
        if lead.count > Self.leadLimit { problems.append(.leadTooLong) }
        if body.count > Self.bodyLimit { problems.append(.bodyTooLong) }
        if sources.contains(where: { $0.name.isEmpty || ($0.url.map { !LinkPolicy.isAllowed($0) } ?? false) }) {
            problems.append(.sourceInvalid)
        }
        if tags.count > 12 { problems.append(.tooManyTags) }
        return problems
    }

    /// The slug the article gets: the one typed, or one made from the headline.
    public var effectiveSlug: String {
        slug.isEmpty ? Slug.make(from: headline, language: edition) : slug
    }
}

