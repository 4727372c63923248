import Foundation
import Testing
@testable import TraceEventsGeneratorCore

/// gcc as the oracle of the format rules: every event of every rule table is compiled as a call to a
/// `printf`-attributed function with the event's argument types, in one gcc run with `-Wformat -Werror`,
/// and the checker's verdict on each case must be gcc's, except for the differences a case names
/// (`RuleCase(..., gccDiffers:)`). The same calls are compiled a second time in the same run with
/// `-Wformat-signedness` on: the checker follows `-Wformat`, which ignores signedness, and the signedness
/// case of the table must be one gcc then reports.
@Suite struct GCCFormatOracleTests {
    /// Every rule table, by name.
    static let tables: [(name: String, cases: [RuleCase])] = [
        ("FormatRuleTests.valid", FormatRuleTests.valid), ("FormatRuleTests.invalid", FormatRuleTests.invalid),
        ("ParserRuleTests.valid", ParserRuleTests.valid), ("ParserRuleTests.invalid", ParserRuleTests.invalid),
        ("NameRuleTests.cases", NameRuleTests.cases), ("DialectRuleTests.valid", DialectRuleTests.valid),
        ("DialectRuleTests.diagnosed", DialectRuleTests.diagnosed),
    ]

    /// One event of a case, as C.
    struct Call {
        var caseIndex: Int
        var checkerFlags: Bool
        /// Whether this copy of the call is compiled with `-Wformat-signedness`.
        var signedness: Bool
    }

    /// The C prelude: the printf-attributed function, and QEMU's macros as QEMU defines them.
    static let prelude = """
        #include <inttypes.h>
        #include <stdbool.h>
        #include <stddef.h>
        #include <stdint.h>
        #include <sys/types.h>
        __attribute__((format(printf, 1, 2))) void ste_trace_printf(const char *format, ...);
        #define HWADDR_PRId PRId64
        #define HWADDR_PRIi PRIi64
        #define HWADDR_PRIo PRIo64
        #define HWADDR_PRIu PRIu64
        #define HWADDR_PRIx PRIx64
        #define HWADDR_PRIX PRIX64
        #define TARGET_FMT_plx "%016" PRIx64
        #define RAM_ADDR_FMT "%" PRIx64

        """

    /// `#define`s of the target-dependent macros for a case's `target-long-bits`.
    static func targetMacros(_ text: String) -> String {
        let bits32 = text.contains("\(QEMUFormatMacros.targetLongBitsKey)=32")
        return """
            #undef TARGET_FMT_lx
            #undef TARGET_FMT_ld
            #undef TARGET_FMT_lu
            #define TARGET_FMT_lx \(bits32 ? "\"%08x\"" : "\"%016\" PRIx64")
            #define TARGET_FMT_ld \(bits32 ? "\"%d\"" : "\"%\" PRId64")
            #define TARGET_FMT_lu \(bits32 ? "\"%u\"" : "\"%\" PRIu64")

            """
    }

    @Test func ruleTablesAgreeWithGCC() throws {
        guard let gcc = TestPaths.executable("gcc") else { throw TestFailure("gcc is not on PATH (apt-get install gcc)") }
        let cases = Self.tables.flatMap { table in table.cases.enumerated().map { (table.name, $0.offset, $0.element) } }
        var source = Self.prelude
        var lineCount = source.split(separator: "\n", omittingEmptySubsequences: false).count - 1
        var calls: [Int: Call] = [:]  // C line → call
        var compiled = Set<Int>()
        for signedness in [false, true] {
            let pragma = "#pragma GCC diagnostic \(signedness ? "warning" : "ignored") \"-Wformat-signedness\"\n"
            source += pragma
            lineCount += 1
        for (index, (_, _, rule)) in cases.enumerated() {
            let file = TraceEventsLoader.load(text: rule.fileText, path: "t").file
            let macros = Self.targetMacros(rule.text)
            source += macros
            lineCount += macros.split(separator: "\n", omittingEmptySubsequences: false).count - 1
            for event in file.expandedEvents {
                // A TCG type outside a `tcg` event has no C meaning; gcc cannot judge it.
                guard let format = event.format, !event.arguments.contains(where: { $0.type.kind == .tcg }) else { continue }
                let parameters = event.arguments.enumerated().map { "\($0.element.type.description) a\($0.offset)" }
                let arguments = event.arguments.indices.map { ", a\($0)" }.joined()
                source += "static void ste_case_\(calls.count)(\(parameters.isEmpty ? "void" : parameters.joined(separator: ", "))) "
                    + "{ ste_trace_printf(\(format.source)\(arguments)); }\n"
                lineCount += 1
                let flagged = FormatArgumentChecker.diagnostics(for: event).contains { $0.severity != .note }
                calls[lineCount] = Call(caseIndex: index, checkerFlags: flagged, signedness: signedness)
                compiled.insert(index)
            }
        }
        }
        let directory = try TestPaths.temporaryDirectory("gcc-oracle")
        defer { try? FileManager.default.removeItem(at: directory) }
        let cFile = directory.appending(path: "rules.c")
        try Data(source.utf8).write(to: cFile)
        let result = try ProcessRunner.run(
            gcc, ["-fsyntax-only", "-std=gnu11", "-Wformat", "-Werror", "-Wno-unused-function", cFile.path], timeout: 60)
        #expect(!result.timedOut)

        // gcc's verdict per C line.
        var gccFlags: [Int: [String]] = [:]
        let pattern = try Regex(#"^[^:]*rules\.c:(\d+):\d+: (?:error|warning): (.*) \[-W(?:error=)?(format[a-z=-]*)\]$"#)
        for line in result.combined.split(separator: "\n") {
            guard let match = try pattern.wholeMatch(in: String(line)), let number = Int(match.output[1].substring ?? "")
            else { continue }
            gccFlags[number, default: []].append(String(match.output[2].substring ?? ""))
        }
        let unknownLines = Set(gccFlags.keys).subtracting(calls.keys)
        #expect(unknownLines.isEmpty, "gcc diagnostics outside the calls:\n\(result.combined.prefix(3000))")

        var disagreements: [String] = []
        var documented = 0
        for index in compiled.sorted() {
            let (table, row, rule) = cases[index]
            let lines = calls.filter { $0.value.caseIndex == index && !$0.value.signedness }.map(\.key)
            let ours = lines.contains { calls[$0]!.checkerFlags }
            let theirs = lines.contains { gccFlags[$0] != nil }
            let gccSays = lines.flatMap { gccFlags[$0] ?? [] }.joined(separator: "; ")
            switch (ours == theirs, rule.gccDifference) {
            case (true, nil): break
            case (false, .some): documented += 1
            case (false, nil):
                disagreements.append("\(table)[\(row)] \(rule.text): checker \(ours ? "flags it" : "accepts it"), gcc "
                    + (theirs ? "says: \(gccSays)" : "accepts it"))
            case (true, .some(let reason)):
                disagreements.append("\(table)[\(row)] \(rule.text): documented as a difference (\(reason)) but both agree")
            }
        }
        // Calls gcc accepts under -Wformat but rejects under -Wformat-signedness.
        let strict = calls.filter { $0.value.signedness && gccFlags[$0.key] != nil }.map(\.value.caseIndex)
        let plain = Set(calls.filter { !$0.value.signedness && gccFlags[$0.key] != nil }.map(\.value.caseIndex))
        let signedness = Set(strict).subtracting(plain)
        print("gcc oracle: \(cases.count) rule cases, \(compiled.count) compiled as \(calls.count / 2) printf calls (twice) in one gcc "
            + "run; \(compiled.count - documented - disagreements.count) agree, \(documented) documented differences, "
            + "\(cases.count - compiled.count) without a format gcc can judge (syntax errors or no format), "
            + "\(signedness.count) cases that only -Wformat-signedness rejects")
        #expect(disagreements.isEmpty, "\(disagreements.joined(separator: "\n"))")
        #expect(compiled.count > 80)
        // The table's "signedness is not a -Wformat error" case is what -Wformat-signedness reports.
        let signednessCase = try #require(cases.firstIndex { $0.2.text.hasPrefix("foo(int32_t a, uint32_t b, int64_t c, uint64_t d)") })
        #expect(signedness.contains(signednessCase))
    }
}
