import BroadsheetDomain

/// Why the desk refused a change. Nothing was written: every rule is checked before, or inside, the
/// transaction that would have made the change.
public enum DeskError: Error, Equatable, CustomStringConvertible {
    case noSuchArticle(Int)
    case noSuchRevision(Int)
    case noSuchEdition(String)
    /// The draft's own fields are wrong (headline missing, slug malformed...).
    case invalid([ArticleDraft.Problem])
    /// The staff member's role does not allow the action.
    case notAllowed(NewsroomAction)
    /// Not a move the staff member may make from where the article stands.
    case moveNotAllowed(from: ArticleStatus, to: ArticleStatus)
    /// Photos the article shows lack what a published photo must carry.
    case photosIncomplete([PhotoGap])
    case missingScheduleTime
    case scheduleInThePast
    /// A published article's time cannot lie ahead: that would be a schedule.
    case publicationTimeInTheFuture
    /// Only a published or scheduled article has a time to correct.
    case notDated(ArticleStatus)
    /// A section, author or photo named in the draft belongs to another edition (or has no name in this one).
    case otherEdition(EditionField, name: String, edition: String)
    /// A section, author or photo named in the draft does not exist.
    case unknown(EditionField, id: Int)
    case correctionEmpty
    case correctionTooLong
    case notPublished
    /// A name given for an edition makes no address (nothing but punctuation, say).
    case nameUnusable(String)
    /// A retired author is no longer put on articles.
    case retired(String)

    /// The fields of a draft that name something with a name per edition.
    public enum EditionField: String, Sendable, Hashable {
        case section, author, tag, mainPhoto
    }

    public var description: String {
        switch self {
        case .noSuchArticle(let id): "there is no article \(id)"
        case .noSuchRevision(let number): "there is no revision \(number)"
        case .noSuchEdition(let code): "there is no edition \(code)"
        case .invalid(let problems): "the draft has problems: \(problems.map(\.rawValue).joined(separator: ", "))"
        case .notAllowed(let action): "the role does not allow \(action.rawValue)"
        case .moveNotAllowed(let from, let to): "the role does not allow moving from \(from.rawValue) to \(to.rawValue)"
        case .photosIncomplete(let gaps):
            "photos lack what publishing needs: "
                + gaps.map { "\($0.photoID) (\($0.missing.map(\.rawValue).joined(separator: ", ")))" }
                .joined(separator: "; ")
        case .missingScheduleTime: "scheduling needs a time"
        case .scheduleInThePast: "a scheduled time must be in the future"
        case .publicationTimeInTheFuture: "a published article's time cannot be in the future"
        case .notDated(let status): "an article that is \(status.rawValue) has no publication time"
        case .otherEdition(let field, let name, let edition): "the \(field.rawValue) \(name) belongs to edition \(edition)"
        case .unknown(let field, let id): "there is no \(field.rawValue) \(id)"
        case .correctionEmpty: "a correction needs its text"
        case .correctionTooLong: "a correction is at most \(ArticleDesk.correctionLimit) characters"
        case .notPublished: "only a published article takes a correction"
        case .nameUnusable(let name): "the name \(name) makes no address"
        case .retired(let name): "\(name) has retired"
        }
    }
}

/// A photo an article shows, and what it lacks before the article may be published.
public struct PhotoGap: Sendable, Hashable {
    public enum Field: String, Sendable, Hashable {
        case caption, credit, altText
    }

    public var photoID: Int
    public var missing: [Field]

    public init(photoID: Int, missing: [Field]) {
        self.photoID = photoID
        self.missing = missing
    }
}
