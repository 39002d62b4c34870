import Foundation

/// An author as the newsroom manages them: one person with a byline (name, slug, bio) in each edition that
/// names them, a photo, links, perhaps a staff account, and whether they are retired.
public struct Person: Sendable, Hashable {
    /// One edition's byline: the per-edition `authors` row that articles link to.
    public struct Byline: Sendable, Hashable {
        public var authorID: Int
        public var edition: String
        public var slug: String
        public var name: String
        public var bio: String
        /// Articles of that edition, in any status, that carry the byline.
        public var articles: Int
    }

    public var id: Int
    /// In the editions' order.
    public var bylines: [Byline]
    public var staffID: Int?
    public var staffName: String?
    public var photoID: Int?
    /// "Label | https://..." per line.
    public var links: String
    public var retired: Bool

    public func byline(_ edition: String) -> Byline? { bylines.first { $0.edition == edition } }

    /// Every edition's name, "Тетяна Олійник / Tetyana Oliynyk".
    public var names: String { bylines.map(\.name).joined(separator: " / ") }

    public var articles: Int { bylines.reduce(0) { $0 + $1.articles } }
}

/// What the newsroom types about a person, for adding or editing them.
public struct PersonDraft: Sendable, Hashable {
    /// One edition's name and bio as typed; an empty name means no byline in that edition.
    public struct Byline: Sendable, Hashable {
        public var name: String
        public var bio: String

        public init(name: String, bio: String = "") {
            self.name = name
            self.bio = bio
        }
    }

    /// By edition code. An edition left out is left as it is; one with an empty name has no byline.
    public var bylines: [String: Byline]
    public var photoID: Int?
    /// "Label | https://..." per line; blank lines are dropped.
    public var links: String
    public var staffID: Int?
    public var retired: Bool

    public init(
        bylines: [String: Byline], photoID: Int? = nil, links: String = "", staffID: Int? = nil, retired: Bool = false
    ) {
        self.bylines = bylines
        self.photoID = photoID
        self.links = links
        self.staffID = staffID
        self.retired = retired
    }

    /// The draft a person's page opens with.
    public init(_ person: Person) {
        self.init(
            bylines: Dictionary(uniqueKeysWithValues: person.bylines.map { ($0.edition, Byline(name: $0.name, bio: $0.bio)) }),
            photoID: person.photoID, links: person.links, staffID: person.staffID, retired: person.retired)
    }
}
