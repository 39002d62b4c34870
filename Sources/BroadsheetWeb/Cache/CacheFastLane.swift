import Foundation
import HummingbirdCore
import Logging
import NIOCore
import NIOHTTP1
import NIOHTTPTypes
import NIOHTTPTypesHTTP1
import Synchronization

/// Answers requests for cached pages on the connection's event loop, right after the HTTP/1 parser: a hit costs
/// a dictionary lookup and one write of bytes made when the page was stored; it goes neither through the async
/// request path (which alone halves the rate a server can reach, see NOTES.md) nor through HTTP types and back.
/// Anything it is not sure of goes on to Hummingbird untouched.
///
/// HTTP/1.1 lets a client send requests before the answers to earlier ones arrive; answers must go back in
/// order. So while a request it passed on is unanswered, it passes on the ones after it too.
final class CacheFastLane: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    private let cache: PageCache
    private let metrics: SiteMetrics
    private let clock: @Sendable () -> Date
    /// Requests passed on whose answer has not been written to the end.
    private var passedOn = 0
    /// The request being read was answered here: its body parts are dropped.
    private var answeredHere = false
    /// The HTTP/1 encoder's place in the pipeline: bytes written from there go straight to the socket.
    private var wire: ChannelHandlerContext?

    init(cache: PageCache, metrics: SiteMetrics, clock: @escaping @Sendable () -> Date) {
        self.cache = cache
        self.metrics = metrics
        self.clock = clock
    }

    func handlerAdded(context: ChannelHandlerContext) {
        wire = try? context.pipeline.syncOperations.context(handlerType: HTTPResponseEncoder.self)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        wire = nil
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let request):
            if passedOn == 0, let wire, let page = cachedPage(for: request) {
                let started = ContinuousClock.now
                answeredHere = true
                let (head, body) = page.wireAnswer(to: CachedPage.Conditions(request))
                wire.write(NIOAny(head), promise: nil)
                // A server with a clock must send Date (RFC 9110); Hummingbird adds it to what it sends.
                wire.write(NIOAny(ResponseDate.line(clock())), promise: nil)
                if let body { wire.write(NIOAny(body), promise: nil) }
                context.flush()
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
    private func cachedPage(for request: HTTPRequestHead) -> CachedPage? {
        guard request.method == .GET || request.method == .HEAD, request.isKeepAlive else { return nil }
        return cache.page(request.uri, now: clock())
    }
}

extension CachedPage.Conditions {
    init(_ request: HTTPRequestHead) {
        self.init(
            acceptEncoding: request.headers.first(name: "accept-encoding"),
            ifNoneMatch: request.headers.first(name: "if-none-match"),
            ifModifiedSince: request.headers.first(name: "if-modified-since"), isHead: request.method == .HEAD)
    }
}

/// Hummingbird's HTTP/1 channel (`HTTP1Channel`, same handlers in the same order) with the cache's lane between
/// the HTTP/1 parser and the conversion to HTTP types.
struct CachingHTTP1Channel: ServerChildChannel, HTTPChannelHandler {
    typealias Value = NIOAsyncChannel<HTTPRequestPart, HTTPResponsePart>

    let responder: HTTPChannelHandler.Responder
    let lane: @Sendable () -> CacheFastLane

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        channel.eventLoop.makeCompletedFuture {
            // Hummingbird's defaults for HTTP1Channel.
            var limits = NIOHTTPDecoderLimitConfiguration()
            limits.maxHeaderFieldSize = 80 * 1024
            limits.maxHeaderListSize = 80 * 1024
            limits.maxHeaderFieldCount = 1000
            let pipeline = channel.pipeline.syncOperations
            try pipeline.configureHTTPServerPipeline(
                withPipeliningAssistance: false, withErrorHandling: false, withOutboundHeaderValidation: false,
                withEncoderConfiguration: .init(), withDecoderLimitConfiguration: limits)
            try pipeline.addHandler(lane())
            try pipeline.addHandler(HTTP1ToHTTPServerCodec(secure: false))
            try pipeline.addHandler(HTTPConnectionStateHandler(logger: logger))
            return try NIOAsyncChannel(wrappingChannelSynchronously: channel, configuration: .init(isOutboundHalfClosureEnabled: true))
        }
    }

    func handle(value asyncChannel: Value, logger: Logger) async {
        await handleHTTP(asyncChannel: asyncChannel, logger: logger)
    }
}

/// The Date header, formatted once a second rather than once a response.
enum ResponseDate {
    private static let latest = Mutex<(second: Int, line: ByteBuffer)>((-1, ByteBuffer()))

    /// "Date: ...", and the blank line that ends a response head.
    static func line(_ date: Date) -> ByteBuffer {
        let second = Int(date.timeIntervalSince1970)
        if let line = latest.withLock({ $0.second == second ? $0.line : nil }) { return line }
        let line = ByteBuffer(string: "Date: \(HTTPDate.string(date))\r\n\r\n")
        latest.withLock { $0 = (second, line) }
        return line
    }
}
