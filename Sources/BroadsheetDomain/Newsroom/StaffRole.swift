import Foundation

/// A staff member's role in the newsroom, from least to most trusted.
public enum StaffRole: String, Sendable, CaseIterable, Codable, Comparable {
    /// Writes drafts; cannot send them for review.
    case contributor
    /// Writes own articles and submits them for review.
    case author
    /// Everything editorial: review, publish, schedule, any article, home page, tags, corrections.
    case editor
    /// Everything an editor can, plus people, settings, sections, deleting and the audit log.
    case admin

    /// Editors and admins must sign in with a second factor.
    public var requiresSecondFactor: Bool { self >= .editor }

    /// Trust rank, spelled out so that reordering the cases cannot silently change who outranks whom.
    private var rank: Int {
        switch self {
        case .contributor: 0
        case .author: 1
        case .editor: 2
        case .admin: 3
        }
    }

    /// Orders roles by trust: contributor < author < editor < admin.
    public static func < (lhs: StaffRole, rhs: StaffRole) -> Bool {
        lhs.rank < rhs.rank
    }
}
