import BroadsheetDomain
import BroadsheetStorage
import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import ServiceLifecycle

/// The newsroom's settings that configuration provides until the newsroom edits them.
public struct SettingsDefaults: Sendable {
    public var adEvery: Int
    public var adSlots: [AdSlot]
    /// The support link of every edition; empty leaves the support call out.
    public var supportURL: String

    public init(adEvery: Int = 4, adSlots: [AdSlot] = [], supportURL: String = "") {
        self.adEvery = adEvery
        self.adSlots = adSlots
        self.supportURL = supportURL
    }
}

/// Where the server listens.
public struct ListenAddress: Sendable {
    public var host: String
    public var port: Int

    public init(host: String = "127.0.0.1", port: Int = 8080) {
        self.host = host
        self.port = port
    }
}

/// Brings a database up to date for this configuration: migrations, the editions, and settings seeded
/// from configuration when the database has none yet.
public func prepareDatabase(
    _ database: NewsDatabase, site: SiteConfiguration, defaults: SettingsDefaults, logger: Logger
) async throws {
    try await Migrator(database: database, logger: logger).migrate()
    try await database.optimise()
    try await NewsroomWriter(database: database).syncEditions(site.editions)
    let store = SettingsStore(database: database)
    if try await store.isEmpty() {
        var calls: [String: SupportCall] = [:]
        for edition in site.editions.all {
            calls[edition.code] = SupportCall(
                text: try UIStrings.load(language: edition.code)["supportCall"], url: defaults.supportURL)
        }
        try await store.save(
            NewsroomSettings(adEvery: defaults.adEvery, adSlots: defaults.adSlots, supportCalls: calls), in: database)
        logger.info("newsroom settings seeded from configuration")
    }
}

/// Where `/metrics` (Prometheus' text format) is served.
public enum MetricsExposure: Sendable, Equatable {
    case off
    /// On the site's own address.
    case onSite
    /// On another port of the same host, away from the public.
    case port(Int)
}

/// The composition root: the one place that wires Broadsheet together. `serve` and the tests both call it.
public func buildApplication(
    listen: ListenAddress = ListenAddress(),
    site: SiteConfiguration,
    database: NewsDatabase,
    defaults: SettingsDefaults = SettingsDefaults(),
    caching: PublicCaching = PublicCaching(),
    metricsExposure: MetricsExposure = .onSite,
    logger: Logger,
    clock: @escaping @Sendable () -> Date = { Date() }
) async throws -> some ApplicationProtocol {
    try await prepareDatabase(database, site: site, defaults: defaults, logger: logger)
    let context = try SiteContext(
        configuration: site, stylesheet: try StaticFile.stylesheet(), logo: try StaticFile.logo(),
        renderer: try await PageRenderer.load())

    let metrics = SiteMetrics()
    // Listeners hear a change in the order they were added: the frame data must be dropped before the pages
    // built from it, or a page rendered in between from the old frame could be kept.
    let frames = FrameSource(database: database, editions: site.editions)
    let cache = caching.isOn ? PageCache(budgetBytes: caching.budgetBytes) : nil
    cache?.follow(database.changes)
    let searchCache = caching.searchBudgetBytes > 0 ? PageCache(budgetBytes: caching.searchBudgetBytes) : nil
    searchCache?.follow(database.changes)
    database.changes.listen { _ in metrics.purged() }

    let router = Router(context: BroadsheetRequestContext.self)
    router.add(middleware: LogRequestsMiddleware(.debug))
    router.add(middleware: UnavailableMiddleware(site: context))
    if metricsExposure == .onSite {
        MetricsEndpoint(metrics: metrics, cache: cache, searchCache: searchCache).addRoutes(to: router)
    }
    HealthEndpoints(database: database).addRoutes(to: router)
    let security = NewsroomSecurity(secureCookies: site.isHTTPS)
    let desk = ArticleDesk(database: database, timeZone: site.timeZone)
    let deskQueries = DeskQueries(database: database)
    let newsroomViews = try NewsroomViews(site: context, security: security)
    let newsroom = NewsroomSite(
        site: context, staff: StaffStore(database: database),
        sessions: SessionStore(database: database, idleTimeout: site.sessionIdleTimeout),
        throttle: SignInThrottle(database: database), audit: AuditLog(database: database),
        desk: deskQueries, passwords: Passwords(cost: site.passwordCost), security: security,
        views: newsroomViews, clock: clock)
    newsroom.addRoutes(to: router)
    SecondFactor(gate: newsroom).addRoutes(to: router)
    NewsroomStaff(gate: newsroom).addRoutes(to: router)
    ArticlePreview(
        gate: newsroom, desk: desk, queries: PublicQueries(database: database), settings: SettingsStore(database: database)
    ).addRoutes(to: router)
    let library = PhotoLibrary(database: database, directory: site.photoDirectory)
    let editorViews = EditorViews(
        base: newsroomViews, queries: deskQueries, desk: desk,
        tools: ToolsViews(base: newsroomViews, audit: AuditLog(database: database)))
    NewsroomArticles(gate: newsroom, desk: desk, queries: deskQueries, views: editorViews)
        .addRoutes(to: router)
    let setup = NewsroomSetup(database: database)
    NewsroomSettingsPages(
        gate: newsroom, setup: setup, settings: SettingsStore(database: database),
        queries: PublicQueries(database: database),
        views: SettingsViews(
            base: newsroomViews, setup: setup, settings: SettingsStore(database: database),
            queries: PublicQueries(database: database), desk: deskQueries)
    ).addRoutes(to: router)
    let people = People(database: database)
    NewsroomAuthors(
        gate: newsroom, people: people,
        views: AuthorViews(
            base: newsroomViews, editor: editorViews, people: people, staff: StaffStore(database: database),
            desk: deskQueries)
    ).addRoutes(to: router)
    NewsroomPhotos(
        gate: newsroom, library: library,
        views: PhotoViews(base: newsroomViews, editor: editorViews, library: library),
        maxUploadBytes: site.maxUploadBytes
    ).addRoutes(to: router)
    let searchProgress = try await SearchIndexProgress.reading(database)
    let pages = PublicPages(
        site: context, queries: PublicQueries(database: database),
        machines: MachineSite(site: context, queries: PublicQueries(database: database), clock: clock),
        caching: caching, cache: cache, metrics: metrics, frames: frames, clock: clock)
    PublicSite(
        site: context, queries: PublicQueries(database: database),
        searches: SearchPages(
            site: context, queries: PublicQueries(database: database), search: SearchQueries(database: database),
            progress: searchProgress, frames: frames, caching: caching, cache: searchCache, metrics: metrics, clock: clock),
        photos: PhotoFiles(directory: site.photoDirectory), pages: pages, metrics: metrics, clock: clock
    ).addRoutes(to: router)

    let scheduler = PublishingScheduler(
        desk: desk,
        logger: logger, clock: clock)
    var services: [any Service] = [
        scheduler, SearchIndexCatchUp(database: database, progress: searchProgress, logger: logger),
    ]
    if case .port(let port) = metricsExposure {
        let metricsRouter = Router()
        MetricsEndpoint(metrics: metrics, cache: cache, searchCache: searchCache).addRoutes(to: metricsRouter)
        services.append(
            Application(
                router: metricsRouter, configuration: .init(address: .hostname(listen.host, port: port)), logger: logger))
    }
    // Cache hits are answered on the event loop, before the router (CacheFastLane).
    let server: HTTPServerBuilder =
        if let cache {
            HTTPServerBuilder { responder in
                CachingHTTP1Channel(responder: responder) { CacheFastLane(cache: cache, metrics: metrics, clock: clock) }
            }
        } else {
            .http1()
        }
    return Application(
        router: router,
        server: server,
        configuration: .init(address: .hostname(listen.host, port: listen.port), serverName: "Broadsheet"),
        services: services,
        logger: logger)
}
