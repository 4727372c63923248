// swift-tools-version: 6.3;(experimentalCGen)
// A package that uses swift-trace-events as a client would: the build plugin on a C target and a Swift
// executable, sharing this package's root trace-events. The test suite builds it (see
// Tests/TraceEventsGenerationTests/Support/FixturePackage.swift); `--traits LTTng,USDT` builds it with LTTng-UST and USDT probes.

import PackageDescription

let package = Package(
    name: "TraceFixture",
    traits: [
        .trait(name: "LTTng", description: "Compile the LTTng-UST provider (needs liblttng-ust-dev)."),
        .trait(name: "USDT", description: "Compile USDT probes (needs systemtap-sdt-dev)."),
        .default(enabledTraits: []),
    ],
    dependencies: [
        .package(name: "swift-trace-events", path: "../../..", traits: [
            .trait(name: "LTTng", condition: .when(traits: ["LTTng"])), .trait(name: "USDT", condition: .when(traits: ["USDT"])),
        ]),
    ],
    targets: [
        .target(
            name: "TraceFixtureTracepoints",
            dependencies: [.product(name: "TraceEvents", package: "swift-trace-events")],
            cSettings: [.define("STE_LTTNG", .when(traits: ["LTTng"])), .define("STE_USDT", .when(traits: ["USDT"]))],
            linkerSettings: [.linkedLibrary("lttng-ust", .when(traits: ["LTTng"]))],
            plugins: [.plugin(name: "TraceEventsPlugin", package: "swift-trace-events")]
        ),
        .executableTarget(
            name: "TraceFixture",
            dependencies: [.product(name: "TraceEvents", package: "swift-trace-events"), "TraceFixtureTracepoints"],
            plugins: [.plugin(name: "TraceEventsPlugin", package: "swift-trace-events")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
