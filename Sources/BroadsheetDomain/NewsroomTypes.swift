import Foundation

/// A section of one edition ("Politics"), with its place in the menu.
public struct Section: Sendable, Hashable {
    public var id: Int
    public var edition: String
    public var slug: String
    public var name: String
    public var position: Int

    public init(id: Int, edition: String, slug: String, name: String, position: Int) {
        self.id = id
        self.edition = edition
        self.slug = slug
        self.name = name
        self.position = position
    }
}

/// A tag of one edition ("Energy").
public struct Tag: Sendable, Hashable {
    public var id: Int
    public var edition: String
    public var slug: String
    public var name: String

    public init(id: Int, edition: String, slug: String, name: String) {
        self.id = id
        self.edition = edition
        self.slug = slug
        self.name = name
    }
}

/// A byline as it appears in one edition.
public struct Author: Sendable, Hashable {
    public var id: Int
    public var edition: String
    public var slug: String
    public var name: String
    public var bio: String

    public init(id: Int, edition: String, slug: String, name: String, bio: String) {
        self.id = id
        self.edition = edition
        self.slug = slug
        self.name = name
        self.bio = bio
    }
}

/// A stored photo as one edition shows it, with what every published photo must carry: caption, credit and
/// alt text (the caption and alt text are that edition's; the credit is shared).
public struct Photo: Sendable, Hashable {
    public var id: Int
    /// The file's name in the photo store, "<hash>.<ext>".
    public var file: String
    public var width: Int
    public var height: Int
    public var caption: String
    public var credit: String
    public var altText: String

    public init(id: Int, file: String, width: Int, height: Int, caption: String, credit: String, altText: String) {
        self.id = id
        self.file = file
        self.width = width
        self.height = height
        self.caption = caption
        self.credit = credit
        self.altText = altText
    }
}

/// A photo's words in one edition; the file and the credit are shared by every edition.
public struct PhotoText: Sendable, Hashable {
    public var caption: String
    public var altText: String

    public init(caption: String, altText: String) {
        self.caption = caption
        self.altText = altText
    }
}

/// A stored photo as the newsroom edits it: the shared file and credit, and its words in each edition.
public struct LibraryPhoto: Sendable, Hashable {
    public var id: Int
    public var file: String
    public var width: Int
    public var height: Int
    public var credit: String
    /// By edition code; an edition missing here has no caption or alt text yet.
    public var texts: [String: PhotoText]

    public init(id: Int, file: String, width: Int, height: Int, credit: String, texts: [String: PhotoText]) {
        self.id = id
        self.file = file
        self.width = width
        self.height = height
        self.credit = credit
        self.texts = texts
    }

    /// The photo as a page of `edition` shows it.
    public func photo(in edition: String) -> Photo {
        let text = texts[edition]
        return Photo(
            id: id, file: file, width: width, height: height, caption: text?.caption ?? "", credit: credit,
            altText: text?.altText ?? "")
    }
}

/// Where a story's facts come from: "Ministry of Finance, budget draft".
public struct ArticleSource: Sendable, Hashable, Codable {
    public var name: String
    public var what: String
    public var url: String?

    public init(name: String, what: String, url: String?) {
        self.name = name
        self.what = what
        self.url = url
    }
}

/// What a list of headlines needs to know about an article.
public struct ArticleSummary: Sendable, Hashable {
    public var id: Int
    public var edition: String
    public var kind: ArticleKind
    public var headline: String
    public var slug: String
    /// The local day of first publication: the date in the article's URL.
    public var day: LocalDay
    public var publishedAt: Date
    public var lead: String
    public var isBreaking: Bool
    public var photo: Photo?

    public init(
        id: Int, edition: String, kind: ArticleKind, headline: String, slug: String, day: LocalDay,
        publishedAt: Date, lead: String, isBreaking: Bool, photo: Photo?
    ) {
        self.id = id
        self.edition = edition
        self.kind = kind
        self.headline = headline
        self.slug = slug
        self.day = day
        self.publishedAt = publishedAt
        self.lead = lead
        self.isBreaking = isBreaking
        self.photo = photo
    }
}

/// A whole article as the public article page shows it.
public struct Article: Sendable, Hashable {
    public var summary: ArticleSummary
    public var status: ArticleStatus
    public var translationGroup: Int
    public var body: String
    /// Set when the article changed after first publication.
    public var updatedAt: Date?
    public var section: Section?
    public var tags: [Tag]
    public var authors: [Author]
    public var sources: [ArticleSource]
    /// Oldest first.
    public var corrections: [Correction]

    public init(
        summary: ArticleSummary, status: ArticleStatus, translationGroup: Int, body: String, updatedAt: Date?,
        section: Section?, tags: [Tag], authors: [Author], sources: [ArticleSource], corrections: [Correction] = []
    ) {
        self.summary = summary
        self.status = status
        self.translationGroup = translationGroup
        self.body = body
        self.updatedAt = updatedAt
        self.section = section
        self.tags = tags
        self.authors = authors
        self.sources = sources
        self.corrections = corrections
    }

    public var id: Int { summary.id }
}

/// A dated correction shown at the end of an article.
public struct Correction: Sendable, Hashable {
    public var at: Date
    public var text: String

    public init(at: Date, text: String) {
        self.at = at
        self.text = text
    }
}

/// An advertisement slot placed between paragraphs; its HTML comes from the newsroom's admins.
public struct AdSlot: Sendable, Hashable {
    public var name: String
    public var html: String

    public init(name: String, html: String) {
        self.name = name
        self.html = html
    }
}

/// An edition's call to support the paper, shown after every article and linked from the header.
public struct SupportCall: Sendable, Hashable {
    public var text: String
    public var url: String

    public init(text: String, url: String) {
        self.text = text
        self.url = url
    }
}

/// An edition's footer: plain text and a few links under every page of the edition, written by its newsroom.
public struct EditionFooter: Sendable, Hashable {
    public struct Link: Sendable, Hashable, Codable {
        public var label: String
        public var url: String

        public init(label: String, url: String) {
            self.label = label
            self.url = url
        }
    }

    /// Why a footer cannot be saved as typed.
    public enum Problem: Error, Sendable, Hashable {
        /// A link line without a label, or without an address (the line as typed).
        case linkIncomplete(String)
        /// A link address the body's link policy refuses (the address as typed).
        case linkNotAllowed(String)
        case tooManyLinks
        case textTooLong
    }

    public static let linkLimit = 8
    public static let textLimit = 2_000

    /// Paragraphs are separated by line breaks.
    public var text: String
    public var links: [Link]

    public init(text: String, links: [Link]) {
        self.text = text
        self.links = links
    }

    /// A footer with neither text nor links shows nothing.
    public var isEmpty: Bool { text.isEmpty && links.isEmpty }

    /// The text's paragraphs: its non-blank lines.
    public var paragraphs: [String] {
        text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// Everything wrong with the footer, in the order of the form.
    public var problems: [Problem] {
        var problems: [Problem] = []
        if text.count > Self.textLimit { problems.append(.textTooLong) }
        for link in links {
            if link.label.isEmpty || link.url.isEmpty {
                problems.append(.linkIncomplete(link.label.isEmpty ? link.url : link.label))
            } else if !LinkPolicy.isAllowed(link.url) {
                problems.append(.linkNotAllowed(link.url))
            }
        }
        if links.count > Self.linkLimit { problems.append(.tooManyLinks) }
        return problems
    }
}
