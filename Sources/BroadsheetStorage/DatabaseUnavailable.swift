/// The database cannot be reached right now (a server restarting, a network fault), as opposed to a statement
/// that failed: pages say "back soon" (503) rather than "something broke" (500), and a node recovers by itself
/// once the database answers again.
public struct DatabaseUnavailable: Error, CustomStringConvertible {
    public let reason: String

    public init(reason: String) {
        self.reason = reason
    }

    public var description: String { "the database is unavailable: \(reason)" }
}
