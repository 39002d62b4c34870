import BroadsheetDomain
import BroadsheetStorage
import Hummingbird

/// Turns a `DatabaseUnavailable` that escapes a handler (the newsroom's pages, which all need the database)
/// into the "back in a moment" page with a 503, instead of an empty 500. The public pages handle it
/// themselves, since they can often still answer from the cache.
struct UnavailableMiddleware<Context: RequestContext>: RouterMiddleware {
    let site: SiteContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        do {
            return try await next(request, context)
        } catch let error as DatabaseUnavailable {
            context.logger.warning("cannot answer \(request.method) \(request.uri.path): \(error)")
            let match = SitePath.match(path: request.uri.path, page: nil, editions: site.configuration.editions)
            return WaitingRoom.unavailable(match: match, site: site)
        }
    }
}
