import Hummingbird
import NIOCore

/// The request context of every route: Hummingbird's core plus the peer's address (sign-in throttling).
public struct BroadsheetRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let remoteAddress: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.remoteAddress = source.channel.remoteAddress
    }

    /// The peer's IP address as text, for throttling; "unknown" when there is none (tests).
    var clientAddress: String { remoteAddress?.ipAddress ?? "unknown" }
}
