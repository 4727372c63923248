import Foundation
import Testing

/// The four ways a package gets TraceEventsPlugin's set-up wrong stop (or warn in) `swift build` with the one
/// line to change, before the compiler's own, obscure error.
@Suite struct AdoptionTrapBuildTests {
    @Test func missingToolsVersionSuffix() async throws {
        try await MutableFixture.shared.run { copy in
            try copy.edit("Package.swift") { $0.replacingOccurrences(of: "// swift-tools-version: 6.3;(experimentalCGen)\n", with: "// swift-tools-version: 6.3\n") }
            let result = try copy.build()
            #expect(result.status != 0)
            #expect(result.combined.contains("\(copy.url("Package.swift").path):1:1: error: "), "\(result.combined.suffix(4000))")
            #expect(result.combined.contains("fix: change line 1 to: // swift-tools-version: 6.3;(experimentalCGen)"), "\(result.combined.suffix(4000))")
            #expect(!result.combined.contains("TraceFixtureTracepoints_generated.h' file not found"), "\(result.combined.suffix(4000))")
        }
    }

    @Test func traitNotNamedLTTng() async throws {
        try await MutableFixture.shared.run { copy in
            try copy.edit("Package.swift") {
                $0.replacingOccurrences(of: ".trait(name: \"LTTng\", description:", with: ".trait(name: \"Tracing\", description:")
                    .replacingOccurrences(of: "traits: [\"LTTng\"]", with: "traits: [\"Tracing\"]")
            }
            let lines = try copy.read("Package.swift").components(separatedBy: "\n")
            let defineLine = try #require(lines.firstIndex { $0.contains("\"STE_LTTNG\"") }) + 1
            let traitLine = try #require(lines.firstIndex { $0.contains(".trait(name: \"Tracing\", description:") }) + 1
            let result = try copy.build()
            // It builds (the trait is off), and says what to change.
            #expect(result.status == 0, "\(result.combined.suffix(4000))")
            #expect(result.combined.contains("\(copy.url("Package.swift").path):\(defineLine):1: warning: "), "\(result.combined.suffix(4000))")
            #expect(result.combined.contains(
                "fix: change line \(defineLine) to: cSettings: [.define(\"STE_LTTNG\", .when(traits: [\"LTTng\"])), "
                    + ".define(\"STE_USDT\", .when(traits: [\"USDT\"]))], "
                    + "(and rename the trait on line \(traitLine): .trait(name: \"LTTng\"))"), "\(result.combined.suffix(4000))")
        }
    }

    @Test func umbrellaHeaderWithoutTheGeneratedInclude() async throws {
        try await MutableFixture.shared.run { copy in
            let header = "Sources/TraceFixtureTracepoints/include/TraceFixtureTracepoints.h"
            try copy.edit(header) { $0.replacingOccurrences(of: "#include \"TraceFixtureTracepoints_generated.h\"\n", with: "") }
            let result = try copy.build()
            #expect(result.status != 0)
            #expect(result.combined.contains("\(copy.url(header).path):"), "\(result.combined.suffix(4000))")
            #expect(result.combined.contains("fix: add the line: #include \"TraceFixtureTracepoints_generated.h\""), "\(result.combined.suffix(4000))")
            #expect(!result.combined.contains("cannot find"), "\(result.combined.suffix(4000))")
        }
    }

    @Test func swiftTargetWithoutItsTracepointsTarget() async throws {
        try await MutableFixture.shared.run { copy in
            try copy.edit("Package.swift") {
                $0.replacingOccurrences(of: "package: \"swift-trace-events\"), \"TraceFixtureTracepoints\"]", with: "package: \"swift-trace-events\")]")
            }
            let result = try copy.build()
            #expect(result.status != 0)
            #expect(result.combined.contains("fix: add \"TraceFixtureTracepoints\" to the dependencies of target 'TraceFixture'"), "\(result.combined.suffix(4000))")
            #expect(!result.combined.contains("no such module"), "\(result.combined.suffix(4000))")
        }
    }
}
