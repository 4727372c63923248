// swift-tools-version: 6.3;(experimentalCGen)
// The tools-version suffix lets SwiftPM compile the C tracepoint providers that the build plugin generates.

import PackageDescription

let package = Package(
    name: "swift-trace-events",
    // Linux only: the runtime reads /proc and calls gettid(2), and LTTng-UST, USDT and the namespace tests are Linux's.
    // No Apple platform is declared because none builds.
    products: [
        .library(name: "TraceEvents", targets: ["TraceEvents"]),
        // swift-log both ways, apart so that a program that does not use swift-log does not link it.
        .library(name: "TraceEventsLogging", targets: ["TraceEventsLogging"]),
        .library(name: "TraceEventsGeneratorCore", targets: ["TraceEventsGeneratorCore"]),
        .library(name: "VFIOMigration", targets: ["VFIOMigration"]),
        .executable(name: "swift-tracetool", targets: ["swift-tracetool"]),
        .executable(name: "vfio-migrate", targets: ["vfio-migrate"]),
        .library(name: "MigrationReport", targets: ["MigrationReport"]),
        .plugin(name: "TraceEventsPlugin", targets: ["TraceEventsPlugin"]),
        .plugin(name: "TraceEventsCheckPlugin", targets: ["TraceEventsCheckPlugin"]),
        .plugin(name: "AddTraceEventsPlugin", targets: ["AddTraceEventsPlugin"]),
    ],
    traits: [
        .trait(
            name: "LTTng",
            description: "Compile the LTTng-UST backend into generated tracepoint providers (needs liblttng-ust-dev)."
        ),
        .trait(
            name: "USDT",
            description: "Compile USDT (SystemTap SDT) probes into generated tracepoint providers (needs systemtap-sdt-dev)."
        ),
        .default(enabledTraits: []),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // 1.16 for LogHandler.log(event:), which replaces the deprecated flat log method.
        .package(url: "https://github.com/apple/swift-log", from: "1.16.0"),
    ],
    targets: [
        // MARK: Generator
        // Outside text made printable and bounded in messages: shared by the generator, the runtime and the engine.
        .target(name: "PrintableText"),
        .target(name: "TraceEventsGeneratorCore", dependencies: ["PrintableText"]),
        .executableTarget(
            name: "swift-tracetool",
            dependencies: [
                "TraceEventsGeneratorCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        .plugin(
            name: "TraceEventsPlugin",
            capability: .buildTool(),
            dependencies: ["swift-tracetool"]
        ),
        .plugin(
            name: "TraceEventsCheckPlugin",
            capability: .command(
                intent: .custom(
                    verb: "check-trace-events",
                    description: "Check that each target's Swift sources call exactly the events its trace-events file defines."
                )
            ),
            dependencies: ["swift-tracetool"]
        ),
        .plugin(
            name: "AddTraceEventsPlugin",
            capability: .command(
                intent: .custom(
                    verb: "add-trace-events",
                    description: "Set this package up to call trace events (swift-tracetool init with this checkout)."
                ),
                permissions: [.writeToPackageDirectory(reason: "init writes trace-events, the C tracepoints target and a block at the end of Package.swift")]
            ),
            dependencies: ["swift-tracetool"]
        ),

        // MARK: Runtime
        .target(name: "CTraceEvents"),
        .target(name: "TraceEvents", dependencies: ["CTraceEvents", "PrintableText"]),
        // The fixed swift_log:message LTTng-UST provider of LTTngLogHandler, gated like the generated providers.
        .target(
            name: "CSwiftLogTracepoints",
            cSettings: [.headerSearchPath("tracepoints"), .define("STE_LTTNG", .when(traits: ["LTTng"]))],
            linkerSettings: [.linkedLibrary("lttng-ust", .when(traits: ["LTTng"])), .linkedLibrary("dl", .when(traits: ["LTTng"]))]
        ),
        .target(
            name: "TraceEventsLogging",
            dependencies: ["TraceEvents", "CSwiftLogTracepoints", .product(name: "Logging", package: "swift-log")]
        ),

        // MARK: Migration engine
        // xxHash (XXH3) from the system: the page and stream check values at memory speed.
        .systemLibrary(
            name: "CXXHash", path: "Sources/CXXHash", pkgConfig: "libxxhash", providers: [.apt(["libxxhash-dev"])]),
        // The tracepoint provider generated from the root trace-events (see Plugins/TraceEventsPlugin).
        .target(
            name: "VFIOMigrationTracepoints",
            dependencies: ["CTraceEvents"],
            cSettings: [.define("STE_LTTNG", .when(traits: ["LTTng"])), .define("STE_USDT", .when(traits: ["USDT"]))],
            linkerSettings: [.linkedLibrary("lttng-ust", .when(traits: ["LTTng"]))],
            plugins: ["TraceEventsPlugin"]
        ),
        .target(
            name: "VFIOMigration",
            dependencies: ["TraceEvents", "VFIOMigrationTracepoints", "CXXHash", "PrintableText"],
            plugins: ["TraceEventsPlugin"]
        ),
        // MARK: Migration report
        // libbabeltrace2 (Debian's libbabeltrace2-dev) reads the CTF traces LTTng records.
        .systemLibrary(name: "CBabeltrace2", pkgConfig: "babeltrace2", providers: [.apt(["libbabeltrace2-dev"])]),
        .target(
            name: "MigrationReport",
            dependencies: ["CBabeltrace2", "VFIOMigration", "TraceEvents", "TraceEventsGeneratorCore"]
        ),
        .executableTarget(
            name: "vfio-migrate",
            dependencies: [
                "VFIOMigration",
                "MigrationReport",
                "TraceEvents",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // MARK: Tests
        // Helpers every test target shares: the package and ../shared, running programs, LTTng sessions.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "TraceEventsGeneratorCoreTests", dependencies: ["TraceEventsGeneratorCore", "TestSupport"]),
        .target(name: "CPrintfOracle", path: "Tests/CPrintfOracle"),
        .testTarget(name: "TraceEventsTests", dependencies: ["TraceEvents", "CPrintfOracle", "TraceEventsGeneratorCore", "TestSupport"]),
        .testTarget(name: "VFIOMigrationTests", dependencies: ["VFIOMigration", "TraceEvents", "TraceEventsGeneratorCore", "TestSupport", "MigrationReport"]),
        // The fuzzers' invariants (trace-events, migration stream), their regressions and a compile of accepted
        // mutated inputs (.ci/fuzz runs libFuzzer).
        .testTarget(
            name: "TraceEventsFuzzTests",
            dependencies: ["TraceEventsGeneratorCore", "TraceEvents", "VFIOMigration", "TestSupport"],
            path: "Tests/Fuzz",
            exclude: ["Entry", "Regressions", "Seeds"]
        ),
        .testTarget(
            name: "TraceEventsLoggingTests",
            dependencies: ["TraceEventsLogging", "TraceEvents", "TestSupport", .product(name: "Logging", package: "swift-log")]
        ),
        .testTarget(name: "TraceEventsSyncTests", dependencies: ["TraceEventsGeneratorCore", "TestSupport"]),
        .testTarget(
            name: "TraceEventsGenerationTests",
            dependencies: ["TraceEventsGeneratorCore", "TraceEvents", "swift-tracetool", "TestSupport"],
            exclude: ["Golden"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
