/// Event off: what a disabled call site costs, against C LTTng-UST and swift-log below its level.
enum EventOffSuite: BenchmarkSuite {
    static let name = "event-off"

    static func run(_ context: BenchContext) throws -> [ResultRow] {
        context.progress("event off: timing Swift, C and swift-log call sites")
        let cases = try [CallSiteCase.offSwift, .offC, .offSwiftLog].map { try $0.prepare(context.inputs) }
        defer { cases.forEach { $0.finish() } }
        let times = context.time(cases)
        let spread = BenchContext.spreadNote(times, labels: ["Swift", "C", "swift-log"])
        let section = "Event off (a call site whose event is off everywhere)"
        var rows = [
            ResultRow(
                section: section, measurement: "Swift `trace_bench_off()` vs C `lttng_ust_tracepoint()` (-O2)",
                unit: "ns/call", ours: times[0].median, baseline: times[1].median, goal: .ratioAtMost(1.2),
                notes: spread),
            ResultRow(
                section: section, measurement: "Swift `trace_bench_off()` vs swift-log `logger.trace` below level",
                unit: "ns/call", ours: times[0].median, baseline: times[2].median, notes: spread),
        ]
        let swift = context.instructions(of: CallSiteCase.offSwift)
        let c = context.instructions(of: CallSiteCase.offC)
        let swiftLog = context.instructions(of: CallSiteCase.offSwiftLog)
        rows.append(ResultRow(
            section: section, measurement: "Swift `trace_bench_off()` vs C `lttng_ust_tracepoint()` (-O2)",
            unit: "instructions/call", ours: swift.value, baseline: c.value, goal: .ratioAtMost(1.2),
            notes: BenchContext.joinNotes([swift.note, c.note])))
        rows.append(ResultRow(
            section: section, measurement: "Swift `trace_bench_off()` vs swift-log `logger.trace` below level",
            unit: "instructions/call", ours: swift.value, baseline: swiftLog.value,
            notes: BenchContext.joinNotes([swift.note, swiftLog.note])))
        return rows
    }
}
