import Foundation
import HTTPTypes
import NIOCore
import NIOHTTPTypes
import Synchronization

/// Answers requests for cached pages on the connection's event loop, before Hummingbird's router: a hit costs
/// a dictionary lookup and a write, not a trip through the async request path (which alone halves the rate a
/// server can reach, see NOTES.md). Anything it is not sure of goes on to the router untouched.
///
/// HTTP/1.1 lets a client send requests before the answers to earlier ones arrive; answers must go back in
/// order. So while a request it passed on is unanswered, it passes on the ones after it too.
final class CacheFastLane: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let cache: PageCache
    private let metrics: SiteMetrics
    private let clock: @Sendable () -> Date
    /// Requests passed on to the router whose answer has not been written to the end.
    private var passedOn = 0
    /// The request being read was answered here: its body parts are dropped.
    private var answeredHere = false

    init(cache: PageCache, metrics: SiteMetrics, clock: @escaping @Sendable () -> Date) {
        self.cache = cache
        self.metrics = metrics
        self.clock = clock
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let part = unwrapInboundIn(data)
        switch part {
        case .head(let request):
            if passedOn == 0, let page = cachedPage(for: request) {
                let started = ContinuousClock.now
                answeredHere = true
                var (head, body) = page.answer(to: request)
                // What Hummingbird adds to the answers it sends: a server with a clock must send Date.
                head.headerFields[.date] = ResponseDate.now(clock())
                head.headerFields[.server] = "Broadsheet"
                context.write(wrapOutboundOut(.head(head)), promise: nil)
                if let body { context.write(wrapOutboundOut(.body(body)), promise: nil) }
                context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
                metrics.hit(page.type)
                metrics.answered(page.type, in: ContinuousClock.now - started)
                return
            }
            answeredHere = false
            passedOn += 1
            context.fireChannelRead(data)
        case .body, .end:
            if !answeredHere { context.fireChannelRead(data) }
        }
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) { passedOn = max(0, passedOn - 1) }
        context.write(data, promise: promise)
    }

    /// A GET or HEAD of a page the cache holds, from a client that keeps the connection open.
    private func cachedPage(for request: HTTPRequest) -> CachedPage? {
        guard request.method == .get || request.method == .head, let path = request.path,
            request.headerFields[.connection]?.lowercased() != "close"
        else { return nil }
        return cache.page(path, now: clock())
    }
}

/// The Date header's text, formatted once a second rather than once a response.
enum ResponseDate {
    private static let latest = Mutex<(second: Int, text: String)>((-1, ""))

    static func now(_ date: Date) -> String {
        let second = Int(date.timeIntervalSince1970)
        if let text = latest.withLock({ $0.second == second ? $0.text : nil }) { return text }
        let text = HTTPDate.string(date)
        latest.withLock { $0 = (second, text) }
        return text
    }
}
