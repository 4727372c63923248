/// Event off: what a disabled call site costs, against C LTTng-UST (a bare tracepoint, and QEMU's call site that
/// checks its dynamic state and the tracepoint) and swift-log below its level; and a USDT probe nobody is attached
/// to against C's `DTRACE_PROBE` behind its SDT semaphore; and, with the LTTng trait off, the runtime's state alone
/// against QEMU's call site with only its log backend.
enum EventOffSuite: BenchmarkSuite {
    static let name = "event-off"

    static func run(_ context: BenchContext) throws -> [ResultRow] {
        context.progress("event off: timing Swift, C and swift-log call sites")
        let callSites: [CallSiteCase] = [
            .offSwift, .offC, .offQEMUStyleC, .offSwiftLog, .offUSDTSwift, .offUSDTC, .offPlainSwift, .offPlainC,
        ]
        let cases = try callSites.map { try $0.prepare(context.inputs) }
        defer { cases.forEach { $0.finish() } }
        let times = context.time(cases)
        let spread = BenchContext.spreadNote(
            times, labels: ["Swift", "C", "QEMU-style C", "swift-log", "Swift USDT", "C USDT", "Swift trait off", "C log only"])
        let counts = callSites.map { context.instructions(of: $0) }
        let section = "Event off (a call site whose event is off everywhere)"
        let swift = "Swift `trace_bench_off()`"
        let baselines: [(name: String, time: Goal?, instructions: Goal?)] = [
            ("C `lttng_ust_tracepoint()` (-O2)", .ratioAtMost(1.2), .excessAtMost(1)),
            ("QEMU-style C: dynamic state and tracepoint checked (-O2)", .ratioAtMost(1.0), .ratioAtMost(1.0)),
            ("swift-log `logger.trace` below level", nil, nil),
        ]
        var rows: [ResultRow] = []
        for (index, baseline) in baselines.enumerated() {
            rows.append(ResultRow(
                section: section, measurement: "\(swift) vs \(baseline.name)", unit: "ns/call",
                ours: times[0].median, baseline: times[index + 1].median, goal: baseline.time, notes: spread))
        }
        for (index, baseline) in baselines.enumerated() {
            rows.append(ResultRow(
                section: section, measurement: "\(swift) vs \(baseline.name)", unit: "instructions/call",
                ours: counts[0].value, baseline: counts[index + 1].value, goal: baseline.instructions,
                notes: BenchContext.joinNotes([counts[0].note, counts[index + 1].note])))
        }
        let usdt = Pair(
            section: "Event off, USDT (a probe no tool is attached to; USDT backend without LTTng)",
            measurement: "Swift `trace_bench_usdt_off()` vs C `DTRACE_PROBE3` behind its SDT semaphore (-O2)",
            instructionGoal: .excessAtMost(1))
        let traitOff = Pair(
            section: "Event off, LTTng trait off (neither LTTng nor USDT compiled in: the runtime's state alone)",
            measurement: "Swift `trace_bench_plain_off()` vs QEMU's call site with only its log backend (-O2)",
            instructionGoal: .excessAtMost(0))
        return rows
            + usdt.rows(times: Array(times[4...5]), counts: Array(counts[4...5]), spread: spread)
            + traitOff.rows(times: Array(times[6...7]), counts: Array(counts[6...7]), spread: spread)
    }

    /// A generated call site against its one C twin: a time row and an instruction row.
    private struct Pair {
        var section: String
        var measurement: String
        var instructionGoal: Goal

        func rows(times: [Measurement], counts: [(value: Double?, note: String)], spread: String) -> [ResultRow] {
            [
                ResultRow(
                    section: section, measurement: measurement, unit: "ns/call",
                    ours: times[0].median, baseline: times[1].median, goal: .ratioAtMost(1.2), notes: spread),
                ResultRow(
                    section: section, measurement: measurement, unit: "instructions/call",
                    ours: counts[0].value, baseline: counts[1].value, goal: instructionGoal,
                    notes: BenchContext.joinNotes([counts[0].note, counts[1].note])),
            ]
        }
    }
}
