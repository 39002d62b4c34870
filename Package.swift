// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "broadsheet",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "broadsheet", targets: ["broadsheet"])
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/vapor/sqlite-kit.git", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/adam-fowler/compress-nio.git", from: "1.5.0"),
        .package(url: "https://github.com/vapor/multipart-kit.git", from: "4.7.1"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/vapor/postgres-kit.git", from: "2.17.0"),
    ],
    targets: [
        // The newsroom's types and rules; no I/O.
        .target(name: "BroadsheetDomain"),
        // Schema, migrations and queries over SQLKit, on SQLite (the default) or PostgreSQL.
        .target(
            name: "BroadsheetStorage",
            dependencies: [
                "BroadsheetDomain",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "PostgresKit", package: "postgres-kit"),
            ]
        ),
        // The Hummingbird application: public site (later newsroom and API).
        .target(
            name: "BroadsheetWeb",
            dependencies: [
                "BroadsheetDomain",
                "BroadsheetStorage",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "HummingbirdOTP", package: "hummingbird-auth"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "MultipartKit", package: "multipart-kit"),
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "NIOHTTPTypesHTTP1", package: "swift-nio-extras"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            resources: [.copy("Resources")]
        ),
        // The demo newspaper: original text and generated photos.
        .target(
            name: "BroadsheetDemo",
            dependencies: [
                "BroadsheetDomain",
                "BroadsheetStorage",
                .product(name: "CompressNIO", package: "compress-nio"),
            ],
            resources: [.copy("Resources")]
        ),
        // What the test suites share: the database factory and a small known newsroom.
        .target(
            name: "BroadsheetTestSupport",
            dependencies: ["BroadsheetDomain", "BroadsheetStorage"]
        ),
        .executableTarget(
            name: "broadsheet",
            dependencies: [
                "BroadsheetWeb",
                "BroadsheetDemo",
                "BroadsheetStorage",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "BroadsheetDomainTests", dependencies: ["BroadsheetDomain"]),
        .testTarget(
            name: "BroadsheetStorageTests",
            dependencies: ["BroadsheetStorage", "BroadsheetDemo", "BroadsheetTestSupport"]
        ),
        .testTarget(
            name: "BroadsheetWebTests",
            dependencies: [
                "BroadsheetWeb",
                "BroadsheetDemo",
                "BroadsheetTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "HummingbirdOTP", package: "hummingbird-auth"),
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ServiceLifecycleTestKit", package: "swift-service-lifecycle"),
            ],
            resources: [.copy("Fixtures")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
