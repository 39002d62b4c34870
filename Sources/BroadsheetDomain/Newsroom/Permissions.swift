import Foundation

/// Something a staff member may try to do.
public enum NewsroomAction: String, Sendable, CaseIterable {
    /// Sign in, see the dashboard and the article list.
    case viewNewsroom
    /// Start a new article.
    case createDraft
    /// Edit one's own article while it is a draft (or has been returned to draft).
    case editOwnDraft
    /// Send one's own draft for review.
    case submitForReview
    /// Edit any article in any status, including published ones.
    case editAnyArticle
    /// Publish a draft or an article in review now.
    case publish
    /// Schedule an article for a time.
    case schedule
    /// Publish with a time in the past (an archive story), or correct the time of a published article.
    case setPublicationTime
    /// Take a published article down.
    case unpublish
    /// Send an article in review back to its writer.
    case returnToDraft
    /// Add a dated correction to a published article.
    case addCorrection
    /// Create a translation draft in another edition.
    case translate
    /// Upload a photo to the photo store.
    case uploadPhoto
    /// Edit a stored photo's credit (shared) and its caption and alt text in each edition.
    case editPhotoMetadata
    /// Rename and merge tags.
    case manageTags
    /// List, add, edit, retire and merge authors (the bylines, people with or without a staff account).
    case manageAuthors
    /// Add, rename and reorder sections (site structure and URLs).
    case manageSections
    /// Choose the top story and set the breaking flag.
    case arrangeHomePage
    /// Delete an article for good.
    case deleteArticle
    /// Add people, change roles, disable accounts.
    case manageStaff
    /// Advertisement slots (raw HTML), support calls, footers, the breaking banner.
    case manageSettings
    /// Read who did what, and when.
    case readAuditLog
}

/// The newsroom's one permission table and the article rules derived from it.
public enum Permissions {
    /// The one table: which roles may do what. Each action lists the least role that may do it.
    public static let table: [NewsroomAction: StaffRole] = [
        .viewNewsroom: .contributor,
        .createDraft: .contributor,
        .editOwnDraft: .contributor,
        .uploadPhoto: .contributor,

        .submitForReview: .author,

        .editAnyArticle: .editor,
        .publish: .editor,
        .schedule: .editor,
        .setPublicationTime: .editor,
        .unpublish: .editor,
        .returnToDraft: .editor,
        .addCorrection: .editor,
        .translate: .editor,
        .editPhotoMetadata: .editor,
        .manageTags: .editor,
        .manageAuthors: .editor,
        .arrangeHomePage: .editor,

        .manageSections: .admin,
        .deleteArticle: .admin,
        .manageStaff: .admin,
        .manageSettings: .admin,
        .readAuditLog: .admin,
    ]

    /// Whether `role` may do `action`; an action missing from the table is refused to everyone.
    public static func allows(_ role: StaffRole, _ action: NewsroomAction) -> Bool {
        guard let least = table[action] else { return false }
        return role >= least
    }

    /// Whether `role` may edit an article in `status` written by `ownerID`, as staff member `actorID`.
    /// Contributors and authors: only their own, only while draft. Editors and admins: any, any status.
    public static func mayEdit(role: StaffRole, actorID: Int, ownerID: Int?, status: ArticleStatus) -> Bool {
        if allows(role, .editAnyArticle) { return true }
        return allows(role, .editOwnDraft) && isOwn(actorID: actorID, ownerID: ownerID) && status == .draft
    }

    /// Whether a staff member may open an article in the editor: those who may edit it, and its writer (read-only
    /// once it went for review, with the moves their role allows).
    public static func mayOpen(role: StaffRole, actorID: Int, ownerID: Int?, status: ArticleStatus) -> Bool {
        mayEdit(role: role, actorID: actorID, ownerID: ownerID, status: status) || isOwn(actorID: actorID, ownerID: ownerID)
    }

    /// Whether `role` may move an article (owned by `ownerID`) from `from` to `to`.
    /// Writers may submit their own draft and withdraw it from review; editors and admins make every listed move.
    public static func mayMove(
        role: StaffRole, actorID: Int, ownerID: Int?, from: ArticleStatus, to: ArticleStatus
    ) -> Bool {
        guard let rule = transitions[from]?[to] else { return false }
        if allows(role, rule.anyArticle) { return true }
        guard let ownAction = rule.ownArticle else { return false }
        return isOwn(actorID: actorID, ownerID: ownerID) && allows(role, ownAction)
    }

    /// What a move between two statuses takes: an action for anyone's article, and optionally a lesser one for one's own.
    private struct TransitionRule {
        let anyArticle: NewsroomAction
        let ownArticle: NewsroomAction?

        init(_ anyArticle: NewsroomAction, own ownArticle: NewsroomAction? = nil) {
            self.anyArticle = anyArticle
            self.ownArticle = ownArticle
        }
    }

    /// Every allowed status move; anything not listed (same -> same included) is refused to everyone.
    private static let transitions: [ArticleStatus: [ArticleStatus: TransitionRule]] = [
        .draft: [
            .inReview: TransitionRule(.editAnyArticle, own: .submitForReview),
            .published: TransitionRule(.publish),
            .scheduled: TransitionRule(.schedule),
        ],
        .inReview: [
            // Editors send it back; the writer may withdraw their own submission.
            .draft: TransitionRule(.returnToDraft, own: .submitForReview),
            .published: TransitionRule(.publish),
            .scheduled: TransitionRule(.schedule),
        ],
        .scheduled: [
            // The scheduler publishes as the system; this is a person publishing early.
            .published: TransitionRule(.publish),
            // Cancelling a schedule.
            .draft: TransitionRule(.schedule),
        ],
        .published: [
            .unpublished: TransitionRule(.unpublish),
        ],
        .unpublished: [
            .published: TransitionRule(.publish),
            .draft: TransitionRule(.returnToDraft),
        ],
    ]

    /// An article with no owner belongs to no one, so it is never "own".
    private static func isOwn(actorID: Int, ownerID: Int?) -> Bool {
        ownerID == actorID
    }
}
