/// Event on, written by the simple backend (QEMU's binary format): generated Swift against C `fwrite()` of the
/// same record, both to /dev/null so that only the caller's cost is measured.
enum SimpleTraceSuite: BenchmarkSuite {
    static let name = "simple"

    static func run(_ context: BenchContext) throws -> [ResultRow] {
        let section = "Event on, QEMU simple-trace record of `bench_line(name, offset, size)` to /dev/null"
        let measurement = "Swift `trace_bench_line()`, simple backend (buffer + writer thread) vs C `fwrite()` of the same record"
        context.progress("simple backend")
        let cases = try [CallSiteCase.simpleSwift, .simpleC].map { try $0.prepare(context.inputs) }
        let times = context.time(cases)
        let reports = cases.map { $0.report() }.filter { !$0.isEmpty }
        cases.forEach { $0.finish() }
        let swift = context.instructions(of: .simpleSwift)
        let c = context.instructions(of: .simpleC)
        return [
            ResultRow(
                section: section, measurement: measurement, unit: "ns/event", ours: times[0].median,
                baseline: times[1].median,
                notes: BenchContext.joinNotes([BenchContext.spreadNote(times, labels: ["Swift", "C"])] + reports)),
            ResultRow(
                section: section, measurement: measurement + " (caller's thread only)", unit: "instructions/event",
                ours: swift.value, baseline: c.value, notes: BenchContext.joinNotes([swift.note, c.note])),
        ]
    }
}
