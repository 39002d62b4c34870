import Foundation

/// A person of the newsroom with an account.
public struct StaffMember: Sendable, Hashable {
    public var id: Int
    /// Lowercased; unique.
    public var email: String
    public var name: String
    public var role: StaffRole
    public var disabled: Bool
    /// The language of the newsroom's pages for this person ("uk", "en").
    public var language: String

    public init(id: Int, email: String, name: String, role: StaffRole, disabled: Bool, language: String) {
        self.id = id
        self.email = email
        self.name = name
        self.role = role
        self.disabled = disabled
        self.language = language
    }

    /// The form accounts are kept under: trimmed and lowercased.
    public static func normalise(email: String) -> String {
        email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }

    /// A plausible address: one "@", something on each side, a dot in the domain, no spaces.
    public static func isPlausible(email: String) -> Bool {
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !parts[1].hasPrefix(".")
            && !parts[1].hasSuffix(".") && !email.contains(where: \.isWhitespace) && email.count <= 254
    }
}

/// Rules a new password must meet.
public enum PasswordRule {
    public static let minimumLength = 12
    public static let maximumLength = 72  // bcrypt reads no further

    /// Nil when acceptable, else what is wrong, in English for the command line.
    public static func problem(with password: String) -> String? {
        if password.utf8.count < minimumLength { return "a password needs at least \(minimumLength) characters" }
        if password.utf8.count > maximumLength { return "a password can have at most \(maximumLength) bytes" }
        return nil
    }
}
