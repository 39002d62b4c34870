import Foundation
import HummingbirdBcrypt
import NIOPosix

/// Password hashing with bcrypt, run on the thread pool so that the event loops never wait for it.
public struct Passwords: Sendable {
    /// bcrypt's cost: each step doubles the work. See README ("Sign-in") for the measured time.
    public let cost: UInt8

    /// A hash of a random secret nobody knows: verifying against it costs the same as against a real one,
    /// so that an unknown address takes as long to refuse as a wrong password (no probing for accounts).
    let decoyHash: String

    public init(cost: UInt8 = 11) {
        self.cost = cost
        self.decoyHash = Bcrypt.hash(UUID().uuidString, cost: cost)
    }

    public func hash(_ password: String) async throws -> String {
        let cost = self.cost
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    public func verify(_ password: String, hash: String) async throws -> Bool {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
    }
}
