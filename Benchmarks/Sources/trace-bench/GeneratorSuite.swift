import Foundation

/// The generator: parse and generate QEMU's trace-events corpus, and compile what it generates.
enum GeneratorSuite: BenchmarkSuite {
    static let name = "generator"

    static func run(_ context: BenchContext) throws -> [ResultRow] {
        let files = try SharedData.qemuTraceEventsFiles()
        let corpus = CorpusGeneration(files: files)
        let events = try corpus.eventCount()
        let what = "all \(files.count) files of ../shared/qemu-trace-events (\(events) events)"
        let section = "Generator (TraceEventsGeneratorCore, files read from disk each time)"
        let rounds = context.options.quick ? 3 : 11

        context.progress("generator: parsing and generating \(what)")
        var parseErrors = 0
        let parse = try medianSeconds(rounds: rounds) { parseErrors = try corpus.parseAll() }
        var outputs: [CorpusGeneration.Output] = []
        let generate = try medianSeconds(rounds: rounds) { outputs = try corpus.generateAll() }
        var rows = [
            ResultRow(
                section: section, measurement: "read + parse + validate \(what)", unit: "ms",
                ours: parse * 1000, baseline: nil,
                notes: "median of \(rounds)" + (parseErrors > 0 ? "; \(parseErrors) error diagnostics" : "")),
            ResultRow(
                section: section, measurement: "read + parse + validate + generate Swift, C header, C source for \(what)",
                unit: "ms", ours: generate * 1000, baseline: nil, goal: .valueAtMost(500), notes: "median of \(rounds)"),
        ]

        // Compiling all of it takes minutes on this machine; --quick compiles one real file to prove it works.
        let compiled = context.options.quick
            ? outputs.filter { $0.group == "hw_vfio" }
            : outputs
        let compileWhat = compiled.count == outputs.count ? "all \(compiled.count) files" : "hw/vfio/trace-events only (--quick)"
        let compilation = CorpusCompilation(outputs: compiled)
        var swiftSeconds: Double?
        var cSeconds: Double?
        var notes: [String] = ["one run each, 2 cores shared"]
        do {
            let tree = try compilation.writeTree()
            defer { try? FileManager.default.removeItem(at: tree) }
            context.progress("generator: compiling the generated Swift for \(compileWhat)")
            do { swiftSeconds = try compilation.compileSwift(in: tree) } catch { notes.append("Swift: \(error)") }
            context.progress("generator: compiling the generated C for \(compileWhat)")
            do { cSeconds = try compilation.compileC(in: tree) } catch { notes.append("C: \(error)") }
        } catch {
            notes.append("cannot write the generated files: \(error)")
        }
        rows.append(ResultRow(
            section: section,
            measurement: "compile the generated code for \(compileWhat): `swiftc -O -wmo` of the Swift vs `clang -O2` of the C providers (LTTng on)",
            unit: "s", ours: swiftSeconds, baseline: cSeconds, notes: notes.joined(separator: "; ")))
        return rows
    }

    /// The median wall-clock seconds of `rounds` runs after one warm-up run.
    static func medianSeconds(rounds: Int, _ body: () throws -> Void) throws -> Double {
        try body()
        var seconds: [Double] = []
        for _ in 0..<rounds {
            let start = MonotonicClock.now()
            try body()
            seconds.append(Double(MonotonicClock.now() - start) / 1e9)
        }
        return Measurement.percentile(seconds, 0.5)
    }
}
