import BroadsheetStorage
import Hummingbird
import Logging

/// `GET /health/live` and `GET /health/ready`, for a load balancer or an orchestrator.
///
/// Live: the process answers HTTP. Ready: it can also reach its database within `timeout`; a node that is
/// not ready should get no readers' traffic, though it stays live and keeps serving what it has cached.
struct HealthEndpoints: Sendable {
    let database: NewsDatabase
    var timeout: Duration = .seconds(2)

    func addRoutes<Context: RequestContext>(to router: Router<Context>) {
        // HEAD too: some load balancers check with it.
        for method in [HTTPRequest.Method.get, .head] {
            router.on("health/live", method: method) { _, _ in
                Self.answer(.ok, "live\n")
            }
            router.on("health/ready", method: method) { _, context in
                await ready(logger: context.logger)
            }
        }
    }

    private func ready(logger: Logger) async -> Response {
        do {
            try await database.ping(timeout: timeout)
            return Self.answer(.ok, "ready\n")
        } catch {
            logger.warning("not ready: the database does not answer", metadata: ["error": "\(error)"])
            var response = Self.answer(.serviceUnavailable, "not ready: the database does not answer (\(error))\n")
            response.headers[.retryAfter] = "5"
            return response
        }
    }

    /// Plain text that no cache keeps (the waiting room answers health checks the same way).
    static func answer(_ status: HTTPResponse.Status, _ text: String) -> Response {
        Response(
            status: status,
            headers: [.contentType: "text/plain; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
