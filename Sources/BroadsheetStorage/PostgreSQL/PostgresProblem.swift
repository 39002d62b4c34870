import Logging
import NIOCore
import NIOSSL
import PostgresNIO

/// PostgreSQL failures in words a person can act on. postgres-nio's errors print a fixed, generic text (so
/// that no query leaks into logs); the parts that say what went wrong are read out here.
public enum PostgresProblem {
    /// What went wrong, in one line: the server's own message, or why no connection could be made.
    public static func describe(_ error: any Error) -> String {
        if let error = error as? PSQLError {
            if let message = error.serverInfo?[.message] {
                let state = error.serverInfo?[.sqlState].map { " (SQLSTATE \($0))" } ?? ""
                return message + state
            }
            switch error.code {
            case .sslUnsupported: return "the server does not offer TLS; add ?sslmode=disable to the URL, or enable TLS on it"
            case .serverClosedConnection:
                return error.underlying.map(describeCause) ?? "the server, or the network, closed the connection"
            case .connectionError, .clientClosedConnection:
                return error.underlying.map(describeCause) ?? "could not connect"
            case .poolClosed: return "the connection pool is closed"
            default: return error.underlying.map(describeCause) ?? "\(error.code)"
            }
        }
        return describeCause(error)
    }

    /// Whether `error` says the server cannot be reached or the connection was lost, rather than that a
    /// statement failed: the kind of fault that passes by itself.
    static func isUnavailability(_ error: any Error) -> Bool {
        if let error = error as? PSQLError {
            switch error.code {
            case .connectionError, .serverClosedConnection, .clientClosedConnection, .poolClosed, .uncleanShutdown:
                return true
            case .server:
                // Connection exceptions (08), too many connections (53300), the server shutting down or starting (57P).
                let state = error.serverInfo?[.sqlState] ?? ""
                return state.hasPrefix("08") || state == "53300" || state.hasPrefix("57P")
            default:
                return false
            }
        }
        // The pool's own: its circuit breaker is open while the server stays away.
        return String(reflecting: error).contains("ConnectionPoolError")
    }

    private static func describeCause(_ error: any Error) -> String {
        if let error = error as? PSQLError { return describe(error) }
        let text = String(describing: error)
        // NIO's "connection reset (error set): Connection refused (errno: 111)" says it twice.
        if text.contains("Connection refused") { return "connection refused" }
        if text.contains("timeout") || text.contains("Timeout") { return "no answer in time" }
        return text
    }

    /// Opens one connection and closes it again: whether the server can be reached and lets us in, said
    /// plainly, before anything relies on it.
    static func probe(_ settings: PostgresSettings, logger: Logger) async throws {
        let configuration = try settings.connectionConfiguration(applicationName: "broadsheet")
        do {
            let connection = try await PostgresConnection.connect(configuration: configuration, id: 0, logger: logger)
            try await connection.close()
        } catch {
            throw NewsDatabase.OpenError.unreachable(
                url: settings.redactedURL, reason: describe(error), transient: isUnavailability(error))
        }
    }
}

extension TimeAmount {
    init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        self = .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
