import Foundation
import Testing
import TestSupport

/// Every input the fuzzer or an outside probe found, and every seed, keeps the promises of
/// ``TraceEventsInvariant``. A new finding goes into `Tests/Fuzz/Regressions/trace-events/` as it is.
struct FuzzRegressionTests {
    static let directory = TestPaths.packageRoot.appending(path: "Tests/Fuzz")

    static func inputs(in folder: String) -> [URL] {
        let url = directory.appending(path: folder)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        return names.sorted().map { url.appending(path: $0) }
    }

    @Test func thereAreRegressionsAndSeeds() {
        #expect(Self.inputs(in: "Regressions/trace-events").count >= 9)
        #expect(!Self.inputs(in: "Seeds/trace-events").isEmpty)
    }

    @Test(arguments: inputs(in: "Regressions/trace-events") + inputs(in: "Seeds/trace-events"))
    func keepsTheInvariant(_ input: URL) throws {
        let bytes = try [UInt8](Data(contentsOf: input))
        #expect(TraceEventsInvariant.violation(in: bytes) == nil)
    }

    /// The seeds are accepted (so the fuzzer starts from code that generates), the regressions rejected or
    /// generated safely, as each was fixed.
    @Test func theSeedsGenerate() throws {
        for input in Self.inputs(in: "Seeds/trace-events") {
            let text = try String(contentsOf: input, encoding: .utf8)
            guard case .accepted(let generated?, nil) = TraceEventsInvariant.outcome(of: text) else {
                Issue.record("\(input.lastPathComponent) is not accepted")
                continue
            }
            #expect(generated.swift.contains("public func trace_strings("))
        }
    }
}

/// The shape check can fail: it finds what would break a compiler.
struct SourceShapeTests {
    @Test(arguments: [
        ("func f() {\n", "1 unclosed brackets at the end"),
        ("let s = \"a\rb\"\n", "raw U+d in the output"),
        ("let s = \"a\nb\"\n", "line break inside a literal on line 1"),
        ("f(a]\n", "unbalanced ']' on line 1"),
        ("/* open\n", "unterminated comment"),
    ])
    func malformedSwiftIsFound(_ text: String, _ problem: String) {
        #expect(SourceShape.problem(in: text, language: .swift) == problem)
    }

    @Test func wellFormedCodeWithBracketsInLiteralsAndCommentsPasses() {
        let swift = "// (\n/// `{`\nfunc f() { g(\"(\\\"\", [1]) } /* ) */\n"
        #expect(SourceShape.problem(in: swift, language: .swift) == nil)
        let c = "#define X(a) ((a) + ')')\nint f(void) { return X(1); } // }\n"
        #expect(SourceShape.problem(in: c, language: .c) == nil)
    }
}
