import Foundation
import Testing
import TraceEventsGeneratorCore

/// Everything generated from all of QEMU's trace-events files compiles: the Swift (type-checked against
/// the built TraceEvents module, LTTng's and USDT's calls included), the providers as C without a backend, with
/// USDT and with LTTng, and a program linking every provider registers every enabled event with LTTng.
@Suite(.serialized) struct CorpusCompileTests {
    /// Generation speed is a benchmark row (`trace-bench`), not a timed test: a loaded machine would fail it.
    @Test(.needs(.shared)) func sharedCorpusGenerates() throws {
        let corpus = try CorpusGeneration(.shared)
        defer { corpus.remove() }
        #expect(corpus.groups.count > 10)
    }

    @Test(.needs(.qemu72)) func qemu72GeneratesAFunctionPerEvent() throws {
        let corpus = try CorpusGeneration(.qemu72)
        defer { corpus.remove() }
        let group = try #require(corpus.groups.first)
        let swift = try String(contentsOf: group.swiftFile, encoding: .utf8)
        // One pass over the generated text (searching it once per event took minutes).
        let defined = Set(swift.split(separator: "\n").compactMap { line -> Substring? in
            guard let start = line.range(of: "public func trace_")?.upperBound, let end = line[start...].firstIndex(of: "(")
            else { return nil }
            return line[start..<end]
        })
        let missing = group.file.expandedEvents.filter { !defined.contains(Substring($0.name)) }
        #expect(group.file.events.count > 5_000)
        #expect(missing.isEmpty, "no generated function for \(missing.prefix(5).map(\.name))")
    }

    @Test(.needs(.shared)) func sharedCorpusSwiftTypeChecksWithoutWarnings() throws {
        try Self.expectGeneratedSwiftTypeChecks(.shared)
    }

    @Test(.needs(.qemu72)) func qemu72SwiftTypeChecksWithoutWarnings() throws {
        try Self.expectGeneratedSwiftTypeChecks(.qemu72)
    }

    static func expectGeneratedSwiftTypeChecks(_ data: TestData) throws {
        let corpus = try CorpusGeneration(data)
        defer { corpus.remove() }
        // With a backend's header installed, its `#if` calls are checked too (a superset of the code without).
        for batch in corpus.swiftBatches() {
            let result = try GeneratedCodeCompiler.typeCheckSwift(
                batch, backends: GeneratedCodeCompiler.CBackend.installed, includes: corpus.directory)
            #expect(!result.timedOut)
            #expect(result.status == 0, "swiftc failed:\n\(result.combined.prefix(4000))")
            let generatedWarnings = result.combined.split(separator: "\n")
                .filter { $0.contains(corpus.directory.path) && ($0.contains("warning:") || $0.contains("error:")) }
            #expect(generatedWarnings.isEmpty, "diagnostics in generated code:\n\(generatedWarnings.prefix(20).joined(separator: "\n"))")
        }
    }

    /// Compiles every provider of `corpus` with `backends` into `directory` and returns the objects.
    static func compileC(
        _ corpus: CorpusGeneration, backends: [GeneratedCodeCompiler.CBackend], into directory: URL
    ) throws -> [URL] {
        let result = try GeneratedCodeCompiler.compileC(
            corpus.groups.map(\.sourceFile), backends: backends, includes: corpus.directory, in: directory)
        #expect(!result.timedOut)
        try #require(result.status == 0, "gcc failed (backends \(backends)):\n\(result.combined.prefix(4000))")
        return corpus.groups.map { directory.appending(path: "\($0.name).o") }
    }

    @Test(.needs(.shared)) func sharedCorpusProvidersCompileAsCWithoutBackends() throws {
        try Self.expectProvidersCompile(.shared, backends: [])
    }

    @Test(.needs(.qemu72)) func qemu72ProvidersCompileAsCWithoutBackends() throws {
        try Self.expectProvidersCompile(.qemu72, backends: [])
    }

    /// The USDT backend's compiled path (`-DSTE_USDT`: `<sys/sdt.h>` probes and semaphores), so that "check
    /// accepts it, so it compiles" covers USDT too. LTTng's is compiled and linked by the `lttng list` tests.
    @Test(.needs(.shared), .needs(GeneratedCodeCompiler.CBackend.usdt))
    func sharedCorpusProvidersCompileAsCWithUSDT() throws {
        try Self.expectProvidersCompile(.shared, backends: [.usdt])
    }

    @Test(.needs(.qemu72), .needs(GeneratedCodeCompiler.CBackend.usdt))
    func qemu72ProvidersCompileAsCWithUSDT() throws {
        try Self.expectProvidersCompile(.qemu72, backends: [.usdt])
    }

    static func expectProvidersCompile(_ data: TestData, backends: [GeneratedCodeCompiler.CBackend]) throws {
        let corpus = try CorpusGeneration(data)
        defer { corpus.remove() }
        let directory = corpus.directory.appending(path: backends.isEmpty ? "plain" : backends.map(\.trait).joined(separator: "-"))
        let objects = try Self.compileC(corpus, backends: backends, into: directory)
        #expect(objects.allSatisfy { FileManager.default.fileExists(atPath: $0.path) })
    }

    @Test(.needs(.shared), .enabled(if: LTTngAvailability.testsRun, LTTngAvailability.skipReason))
    func programLinkingEverySharedProviderListsEveryEnabledEvent() throws {
        try Self.expectLTTngListsEveryEnabledEvent(.shared)
    }

    @Test(.needs(.qemu72), .enabled(if: LTTngAvailability.testsRun, LTTngAvailability.skipReason))
    func programLinkingTheQEMU72ProviderListsEveryEnabledEvent() throws {
        try Self.expectLTTngListsEveryEnabledEvent(.qemu72)
    }

    static func expectLTTngListsEveryEnabledEvent(_ data: TestData) throws {
        try LTTngAvailability.require()
        let corpus = try CorpusGeneration(data)
        defer { corpus.remove() }
        let objects = try Self.compileC(corpus, backends: [.lttng], into: corpus.directory.appending(path: "lttng"))
        let main = corpus.directory.appending(path: "main.c")
        // Waits until the test closes stdin, so `lttng list -u` can look at it.
        try Data("#include <stdio.h>\n#include <unistd.h>\nint main(void) { puts(\"ready\"); fflush(stdout); char c; while (read(0, &c, 1) > 0) {} return 0; }\n".utf8).write(to: main)
        let program = corpus.directory.appending(path: "every-provider")
        let registry = try FileManager.default.contentsOfDirectory(at: TestPaths.packageRoot.appending(path: "Sources/CTraceEvents"), includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "c" }
        let link = try ProcessRunner.run(
            tool: "cc",
            ["-o", program.path, main.path, "-I", GeneratedCodeCompiler.runtimeInclude.path]
                + registry.map(\.path) + objects.map(\.path) + ["-llttng-ust", "-ldl"],
            timeout: 600
        )
        try #require(link.status == 0, "link failed:\n\(link.combined.prefix(4000))")
        try LTTngSession.ensureSessionDaemon()

        let expected = Set(corpus.groups.flatMap { group in
            group.file.events.filter { !$0.isDisabled }.map { "\(group.name):\($0.name)" }
        })
        let disabled = Set(corpus.groups.flatMap { group in group.file.events.filter(\.isDisabled).map { "\(group.name):\($0.name)" } })

        let process = Process()
        process.executableURL = program
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        defer {
            try? input.fileHandleForWriting.close()
            process.waitUntilExit()
        }
        _ = output.fileHandleForReading.availableData  // "ready": the constructors have run
        var listed: Set<String> = []
        for _ in 0..<20 {
            let list = try ProcessRunner.run(tool: "lttng", ["list", "-u"], timeout: 30)
            listed = LTTngSession.tracepoints(in: list.output, pid: process.processIdentifier)
            if listed.isSuperset(of: expected) { break }
            Thread.sleep(forTimeInterval: 0.5)
        }
        let missing = expected.subtracting(listed)
        #expect(missing.isEmpty, "\(missing.count) events not listed by lttng list -u, e.g. \(missing.sorted().prefix(5))")
        #expect(listed.isDisjoint(with: disabled), "disabled events have tracepoints: \(listed.intersection(disabled).sorted().prefix(5))")
        // lttng-ust lists its own providers (lttng_ust_tracef, ...) too: compare only ours.
        let providers = Set(corpus.groups.map(\.name))
        let ours = listed.filter { providers.contains(String($0.prefix { $0 != ":" })) }
        #expect(ours == expected, "unexpected tracepoints: \(ours.subtracting(expected).sorted().prefix(5))")
    }
}
