// swift-tools-version:6.0
// sparkify: provisions a Redshift warehouse (or its loopback sandbox), stages Sparkify's JSON from S3
// and builds the star schema. Layering (../shared/ARCHITECTURE.md): AWS and Warehouse never import each
// other; only AWS touches CCurl, only Warehouse touches CLibPQ, only Console touches CNcurses.
import PackageDescription

let package = Package(
    name: "sparkify",
    products: [
        .executable(name: "sparkify", targets: ["sparkify"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
    ],
    targets: [
        // System libraries: tiny non-variadic shims only.
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(name: "CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        .systemLibrary(name: "CNcurses", pkgConfig: "ncursesw", providers: [.apt(["libncurses-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),

        // Configuration values and secrets: dwh.cfg, AWS_* environment, ~/.aws profiles.
        .target(name: "Config"),
        // SigV4, HTTP over libcurl, S3 / IAM / EC2 / Redshift / STS.
        .target(name: "AWS", dependencies: [
            "Config", "CCurl",
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // libpq connection, schema model, dialects, loaders, transforms, counts, checks.
        .target(name: "Warehouse", dependencies: ["Config", "CLibPQ", "CZlib"]),
        // Private PostgreSQL + moto_server lifecycle, seeding, the data generator.
        .target(name: "Sandbox", dependencies: ["Config", "AWS"]),
        // The ncurses front end: a Screen protocol (ncurses or an in-memory grid) and pure panels.
        .target(name: "Console", dependencies: ["CNcurses", "Runbook"]),

        // The operator's steps and the ETL: wires object sources (S3 or local) into the warehouse's loader.
        .target(name: "Runbook", dependencies: ["Config", "AWS", "Warehouse"]),

        .executableTarget(name: "sparkify", dependencies: [
            "Config", "AWS", "Warehouse", "Sandbox", "Runbook", "Console",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // Starts a private PostgreSQL and moto_server on free loopback ports for the tests. Each test
        // target declares every module it imports.
        .target(name: "TestSupport", dependencies: ["Config", "Sandbox"], path: "Tests/TestSupport"),
        .testTarget(name: "ConfigTests", dependencies: ["Config"]),
        .testTarget(name: "AWSTests", dependencies: [
            "AWS", "Config", "TestSupport", .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .testTarget(name: "WarehouseTests", dependencies: ["Warehouse", "Config", "TestSupport"], exclude: ["Schema/Snapshots"]),
        .testTarget(name: "SandboxTests", dependencies: ["Sandbox", "AWS", "Config", "TestSupport"]),
        .testTarget(name: "CLITests", dependencies: ["TestSupport", "AWS", "Config", "Sandbox", "Warehouse"]),
        .testTarget(name: "ConsoleTests", dependencies: ["Console", "Runbook", "TestSupport"], exclude: ["Snapshots"]),
        .testTarget(name: "RunbookTests", dependencies: ["Runbook", "AWS", "Config", "Sandbox", "Warehouse", "TestSupport"]),
    ]
)
