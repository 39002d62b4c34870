/// A name for one thing a public page shows, so that a change can find every page showing it: the page cache
/// purges by these, and the `Surrogate-Key` header hands them to a CDN to purge by.
///
/// Two kinds: the thing itself (an article, a tag's name) and a list of things (the articles with a tag).
/// Publishing an article with a tag changes the list `tagged`, not the tag: pages that only name the tag stay.
public struct SurrogateKey: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let name: String

    public init(_ name: String) { self.name = name }

    public var description: String { name }

    public static func < (a: SurrogateKey, b: SurrogateKey) -> Bool { a.name < b.name }

    /// An article's own page and text (headline, body, corrections).
    public static func article(_ id: Int) -> SurrogateKey { .init("a\(id)") }
    /// The versions of one story in the editions (the edition switcher of each).
    public static func translationGroup(_ id: Int) -> SurrogateKey { .init("g\(id)") }
    /// The newest live articles of an edition: home, All news, day pages, recent news, feeds, sitemaps.
    public static func latest(_ edition: String) -> SurrogateKey { .init("latest-\(edition)") }
    /// The articles of a section.
    public static func inSection(_ id: Int) -> SurrogateKey { .init("in-s\(id)") }
    /// The articles with a tag.
    public static func tagged(_ id: Int) -> SurrogateKey { .init("in-t\(id)") }
    /// The articles of an author.
    public static func byAuthor(_ id: Int) -> SurrogateKey { .init("in-p\(id)") }
    /// A tag's name and address.
    public static func tag(_ id: Int) -> SurrogateKey { .init("t\(id)") }
    /// An author's name, address and biography.
    public static func author(_ id: Int) -> SurrogateKey { .init("p\(id)") }
    /// A photo's caption, credit and alt text.
    public static func photo(_ id: Int) -> SurrogateKey { .init("ph\(id)") }
    /// An edition's section menu: on every page of the edition.
    public static func sections(_ edition: String) -> SurrogateKey { .init("menu-\(edition)") }
    /// An edition's breaking-news banner: on every page of the edition.
    public static func banner(_ edition: String) -> SurrogateKey { .init("banner-\(edition)") }
    /// The newsroom's settings: support calls, advertisement slots.
    public static let settings = SurrogateKey("settings")
    /// Sections, tags and authors as a whole (the pages sitemap lists them).
    public static let taxonomy = SurrogateKey("taxonomy")
}
