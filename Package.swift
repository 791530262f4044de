// swift-tools-version:6.1
import PackageDescription

// Targets follow ../shared/ARCHITECTURE.md: arrows point down only.
let package = Package(
    name: "Ferry",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "ferry", targets: ["ferry"]),
        .library(name: "FerryTesting", targets: ["FerryTesting"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        // System libraries (Debian: libfcgi-dev, libsqlite3-dev, libpq-dev, libargon2-dev, libssl-dev).
        .systemLibrary(name: "CFastCGI", pkgConfig: "fcgi", providers: [.apt(["libfcgi-dev"])]),
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        .systemLibrary(name: "CArgon2", pkgConfig: "libargon2", providers: [.apt(["libargon2-dev"])]),
        .systemLibrary(name: "COpenSSL", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),

        // prctl(PR_SET_PDEATHSIG) is variadic in C: a one-line inline shim (no library).
        .systemLibrary(name: "CPrefork"),

        .target(name: "FastCGI", dependencies: ["CFastCGI"]),
        // The prefork master and its scoreboard: knows nothing of FastCGI, HTTP or databases.
        .target(name: "Prefork", dependencies: ["CPrefork"]),
        .target(name: "HTTP", dependencies: [.product(name: "Logging", package: "swift-log")]),
        .target(
            name: "Database",
            dependencies: ["CSQLite", "CLibPQ", .product(name: "Logging", package: "swift-log")]
        ),
        .target(name: "FerryAPI", dependencies: ["HTTP", "Database", "CArgon2", "COpenSSL"]),
        .executableTarget(
            name: "ferry",
            dependencies: [
                "FastCGI", "Prefork", "HTTP", "FerryAPI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(name: "FerryTesting", dependencies: ["HTTP", "FerryAPI", "Database"]),
        // Benchmarks (Benchmarks/run.sh and README): never shipped.
        .executableTarget(
            name: "ferry-bench", dependencies: ["Database", "FerryTesting", "CSQLite", "CLibPQ"],
            path: "Benchmarks/DatabaseBench"),
        // Microbenchmarks of the hot paths (Benchmarks/Micro, README Performance): built, never run by CI.
        .executableTarget(
            name: "ferry-microbench", dependencies: ["HTTP", "Database", "FerryAPI", "FerryTesting"],
            path: "Benchmarks/Micro"),

        .testTarget(name: "FastCGITests", dependencies: ["FastCGI", "FerryTesting", "ferry"]),
        .testTarget(name: "PreforkTests", dependencies: ["Prefork"]),
        .testTarget(name: "HTTPTests", dependencies: ["HTTP", "FerryTesting"]),
        .testTarget(name: "DatabaseTests", dependencies: ["Database", "FerryTesting"]),
        .testTarget(name: "FerryAPITests", dependencies: ["FerryAPI", "FerryTesting"]),
        .testTarget(name: "FerryTestingTests", dependencies: ["FerryTesting"]),
        .testTarget(name: "EndToEndTests", dependencies: ["FerryTesting", "FerryAPI", "Database", "HTTP", "ferry"]),
    ]
)
