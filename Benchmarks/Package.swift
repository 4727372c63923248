// swift-tools-version: 6.3;(experimentalCGen)
// A separate package so that benchmark-only dependencies (swift-log) never slow the main build or CI's tests.
// The tools-version suffix matches the root package: the build plugin generates C tracepoint providers.

import PackageDescription

let package = Package(
    name: "swift-trace-events-benchmarks",
    // Linux only: the runtime reads /proc and calls gettid(2), and LTTng-UST, USDT and the namespace tests are Linux's.
    // No Apple platform is declared because none builds.
    dependencies: [
        // The LTTng trait compiles the LTTng-UST probes into the root package's generated providers.
        .package(name: "swift-trace-events", path: "..", traits: ["LTTng"]),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
    ],
    targets: [
        // The C side of every comparison: a hand-written LTTng-UST provider, its call sites, a USDT probe and fprintf,
        // at -O2 whatever the build configuration, as a C program would ship.
        .target(
            name: "CBaseline",
            cSettings: [
                .headerSearchPath("tracepoints"),
                .unsafeFlags(["-O2"]),
            ],
            linkerSettings: [.linkedLibrary("lttng-ust"), .linkedLibrary("dl")]
        ),
        // The Swift side: this package's trace-events (package root) through the root package's build plugin,
        // with LTTng compiled in, as the migration engine builds it.
        .target(
            name: "BenchEventsTracepoints",
            dependencies: [.product(name: "TraceEvents", package: "swift-trace-events")],
            cSettings: [.define("STE_LTTNG")],
            linkerSettings: [.linkedLibrary("lttng-ust")],
            plugins: [.plugin(name: "TraceEventsPlugin", package: "swift-trace-events")]
        ),
        .target(
            name: "BenchEvents",
            dependencies: [.product(name: "TraceEvents", package: "swift-trace-events"), "BenchEventsTracepoints"],
            swiftSettings: [.define("LTTng")],
            plugins: [.plugin(name: "TraceEventsPlugin", package: "swift-trace-events")]
        ),
        // The USDT comparison's event, apart so that its probe's semaphore joins only its own combined check:
        // generated with the USDT backend and without LTTng (Sources/BenchUSDTEvents/trace-events).
        .target(
            name: "BenchUSDTEventsTracepoints",
            dependencies: [.product(name: "TraceEvents", package: "swift-trace-events")],
            exclude: ["trace-events"],
            cSettings: [.define("STE_USDT")],
            plugins: [.plugin(name: "TraceEventsPlugin", package: "swift-trace-events")]
        ),
        .target(
            name: "BenchUSDTEvents",
            dependencies: [.product(name: "TraceEvents", package: "swift-trace-events"), "BenchUSDTEventsTracepoints"],
            exclude: ["trace-events"],
            swiftSettings: [.define("USDT")],
            plugins: [.plugin(name: "TraceEventsPlugin", package: "swift-trace-events")]
        ),
        // The trait-off comparison's event: generated with neither LTTng nor USDT, what a client package builds
        // with the LTTng trait off (Sources/BenchPlainEvents/trace-events).
        .target(
            name: "BenchPlainEventsTracepoints",
            dependencies: [.product(name: "TraceEvents", package: "swift-trace-events")],
            exclude: ["trace-events"],
            plugins: [.plugin(name: "TraceEventsPlugin", package: "swift-trace-events")]
        ),
        .target(
            name: "BenchPlainEvents",
            dependencies: [.product(name: "TraceEvents", package: "swift-trace-events"), "BenchPlainEventsTracepoints"],
            exclude: ["trace-events"],
            plugins: [.plugin(name: "TraceEventsPlugin", package: "swift-trace-events")]
        ),
        .executableTarget(
            name: "trace-bench",
            dependencies: [
                "BenchEvents",
                "BenchPlainEvents",
                "BenchUSDTEvents",
                "CBaseline",
                .product(name: "TraceEvents", package: "swift-trace-events"),
                .product(name: "TraceEventsLogging", package: "swift-trace-events"),
                .product(name: "TraceEventsGeneratorCore", package: "swift-trace-events"),
                .product(name: "VFIOMigration", package: "swift-trace-events"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
