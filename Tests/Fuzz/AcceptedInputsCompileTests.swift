import Foundation
import Testing
import TestSupport

/// The invariant's other half, for real: inputs `check` accepts compile. Mutated inputs (the fuzzer's corpus
/// when `FUZZ_CORPUS` names it, as `.ci/run` does after the fuzzing step, else deterministic mutations of the
/// seeds) are kept when check accepts them, and their generated C compiles with gcc -Wall -Wextra -Werror
/// under gnu17 (SwiftPM's C standard), without a backend and with LTTng, USDT and both, and their generated
/// Swift type-checks (LTTng's and USDT's calls included).
@Suite(.serialized) struct AcceptedInputsCompileTests {
    static let sampleSize = 48

    /// Inputs to try: the corpus, or mutations of every seed and regression.
    static func candidates() throws -> [String] {
        if let corpus = ProcessInfo.processInfo.environment["FUZZ_CORPUS"], !corpus.isEmpty {
            let names = try FileManager.default.contentsOfDirectory(atPath: corpus).sorted()
            return names.compactMap { name in
                (try? Data(contentsOf: URL(fileURLWithPath: corpus).appending(path: name)))
                    .flatMap { String(validating: [UInt8]($0), as: UTF8.self) }
            }
        }
        let seeds = (FuzzRegressionTests.inputs(in: "Seeds/trace-events") + [TestPaths.packageRoot.appending(path: "trace-events")])
            .compactMap { try? String(contentsOf: $0, encoding: .utf8) }
        var mutator = TraceEventsMutator(seed: 2026)
        return (0..<1_500).map { index in mutator.mutate(uniquelyNamed(seeds[index % seeds.count], index)) }
    }

    /// `text` with `m<index>_` before every event name, so the mutants of one seed do not define the same
    /// functions and type-check together in one compiler run.
    static func uniquelyNamed(_ text: String, _ index: Int) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            guard let first = line.first, first.isLetter || first == "_" else { return String(line) }
            return line.hasPrefix("disable ") ? "disable m\(index)_" + line.dropFirst(8) : "m\(index)_" + line
        }.joined(separator: "\n")
    }

    /// Up to ``sampleSize`` accepted inputs, each generated as its own C target `Fuzz<N>Tracepoints`.
    static func acceptedSample() throws -> [(index: Int, generated: TraceEventsInvariant.Generated)] {
        var sample: [(Int, TraceEventsInvariant.Generated)] = []
        for text in try candidates() where sample.count < sampleSize {
            let index = sample.count
            if case .accepted(let generated?, nil) = TraceEventsInvariant.outcome(of: text, target: "Fuzz\(index)Tracepoints"),
                !generated.context.file.events.isEmpty
            {
                sample.append((index, generated))
            }
        }
        return sample
    }

    @Test func acceptedInputsCompileAsCAndSwift() throws {
        let sample = try Self.acceptedSample()
        #expect(sample.count >= 20, "only \(sample.count) accepted inputs to compile")
        let directory = try TestPaths.temporaryDirectory("fuzz-compile")
        defer { try? FileManager.default.removeItem(at: directory) }
        var moduleMap = ""
        for (index, generated) in sample {
            let name = "Fuzz\(index)Tracepoints"
            try Data(generated.cHeader.utf8).write(to: directory.appending(path: "\(name)_generated.h"))
            try Data(generated.cSource.utf8).write(to: directory.appending(path: "\(name).c"))
            try Data(generated.swift.utf8).write(to: directory.appending(path: "\(name).swift"))
            moduleMap += "module \(name) {\n    header \"\(name)_generated.h\"\n    export *\n}\n"
        }
        try Data(moduleMap.utf8).write(to: directory.appending(path: "module.modulemap"))
        // Every C backend whose header is installed, alone and together (as a build with every trait compiles them).
        let installed = GeneratedCodeCompiler.CBackend.installed
        let sources = sample.map { directory.appending(path: "Fuzz\($0.index)Tracepoints.c") }
        let variants: [[GeneratedCodeCompiler.CBackend]] = [[]] + installed.map { [$0] } + (installed.count > 1 ? [installed] : [])
        for backends in variants {
            let result = try GeneratedCodeCompiler.compileC(sources, backends: backends, includes: directory, in: directory)
            #expect(result.status == 0, "gcc (backends \(backends)) failed on accepted inputs:\n\(result.combined.prefix(3000))")
        }
        // Two accepted inputs may define the same event: each batch type-checks in one compiler run.
        let batches = GeneratedCodeCompiler.batches(sample) { Set($0.generated.context.file.expandedEvents.map(\.name)) }
        for batch in batches {
            let files = batch.map { directory.appending(path: "Fuzz\($0.index)Tracepoints.swift") }
            let result = try GeneratedCodeCompiler.typeCheckSwift(files, backends: installed, includes: directory)
            #expect(result.status == 0, "swiftc failed:\n\(result.combined.prefix(3000))")
        }
    }
}
