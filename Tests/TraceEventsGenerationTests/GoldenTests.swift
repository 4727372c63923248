import Foundation
import Testing
import TraceEventsGeneratorCore

/// The three outputs for a small input that uses every type kind, every conversion kind, keyword argument
/// names, `disable`, no arguments and no format (Golden/Golden.trace-events).
@Suite struct GoldenTests {
    static func context() throws -> GenerationContext {
        let url = GoldenFile.directory.appending(path: "Golden.trace-events")
        let (file, diagnostics) = try TraceEventsLoader.load(path: url.path)
        #expect(!diagnostics.containsErrors, "\(diagnostics)")
        let names = try GenerationNames.resolve(file: file, defaultGroup: "unused")
        // A relative display path keeps the goldens independent of where the checkout lives.
        return GenerationContext(
            file: file, names: names, headerName: "GoldenTracepoints_generated.h", cModule: "GoldenTracepoints",
            displayPath: "Golden.trace-events"
        )
    }

    @Test func swiftSource() throws {
        try GoldenFile.check(try CodeGenerator.generate(.swift, context: Self.context()), against: "Golden.swift.golden")
    }

    @Test func cHeader() throws {
        try GoldenFile.check(try CodeGenerator.generate(.cHeader, context: Self.context()), against: "Golden.h.golden")
    }

    @Test func cSource() throws {
        try GoldenFile.check(try CodeGenerator.generate(.cSource, context: Self.context()), against: "Golden.c.golden")
    }

    @Test func directiveNamesGroupAndProvider() throws {
        let context = try Self.context()
        #expect(context.names == GenerationNames(group: "golden", provider: "golden_provider"))
    }
}
