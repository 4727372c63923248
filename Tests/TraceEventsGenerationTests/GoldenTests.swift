import Foundation
import Testing
@testable import TraceEventsGeneratorCore

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

    /// What a call site inlines, for every event: the trace function (one check, one call) and the combined
    /// state it checks (one plain load per backend, or-ed).
    @Test func inlinedPart() throws {
        let swift = try CodeGenerator.generate(.swift, context: Self.context())
        let inlined = InlinedPart.functions(in: swift).filter { $0.contains("func trace_") || $0.contains("func _steState_") }
        try GoldenFile.check(inlined.joined(separator: "\n"), against: "Golden.inlined.swift.golden")
        let context = try Self.context()
        for event in context.file.events {
            let body = try #require(InlinedPart.body(of: "trace_\(event.name)", in: swift))
            if event.isDisabled {
                #expect(body.isEmpty, "disabled \(event.name) must compile to nothing")
                continue
            }
            let arguments = event.arguments.map { SwiftTypeMapping.parameterName($0.name) }.joined(separator: ", ")
            #expect(body == ["if _slowPath(_steState_\(event.name)() != 0) {", "_steSlow_\(event.name)(\(arguments))", "}"])
            let state = try #require(InlinedPart.body(of: "_steState_\(event.name)", in: swift))
            #expect(state.first == "var state: UInt32 = 0" && state.last == "return state")
            for line in state.dropFirst().dropLast() {
                #expect(line.hasPrefix("state |= _ste_golden_\(event.name)_") || line.hasPrefix("#if ") || line == "#endif", "\(line)")
            }
        }
    }

    @Test func directiveNamesGroupAndProvider() throws {
        let context = try Self.context()
        #expect(context.names == GenerationNames(group: "golden", provider: "golden_provider"))
    }
}

/// The parts of generated Swift a call site inlines.
enum InlinedPart {
    /// Every `@inline(__always)` function, from its attribute to its closing brace.
    static func functions(in swift: String) -> [String] {
        swift.components(separatedBy: "@inline(__always)\n").dropFirst().map { chunk in
            var lines: [Substring] = []
            for line in chunk.split(separator: "\n", omittingEmptySubsequences: false) {
                lines.append(line)
                if line == "}" || (lines.count == 1 && line.hasSuffix("{}")) { break }
            }
            return "@inline(__always)\n" + lines.joined(separator: "\n") + "\n"
        }
    }

    /// The trimmed body lines of the function named `name`, or nil when there is none.
    static func body(of name: String, in swift: String) -> [String]? {
        for function in functions(in: swift) {
            guard let signature = function.range(of: "func \(name)("), let open = function[signature.upperBound...].firstIndex(of: "{")
            else { continue }
            let inner = function[function.index(after: open)...].dropLast(2)  // "}\n"
            return inner.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        return nil
    }
}
