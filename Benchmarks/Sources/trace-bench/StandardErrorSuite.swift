/// A stderr line: our backend against C `fprintf` of the same line and swift-log's `StreamLogHandler`.
enum StandardErrorSuite: BenchmarkSuite {
    static let name = "stderr"
    /// Issue 12: a stderr line costs at most 0.8x C `fprintf(stderr, …)`, in time and in instructions.
    static let goal = 0.8

    static func run(_ context: BenchContext) throws -> [ResultRow] {
        let section = "A stderr line (QEMU log-backend format `TID@SEC.USEC:bench_line name … offset 0x… size …`)"
        let swiftMeasurement = "Swift `trace_bench_line()`, stderr backend"
        var rows: [ResultRow] = []
        for destination in StandardErrorRedirection.Destination.allCases {
            context.progress("stderr line to \(destination.rawValue)")
            let redirection = try StandardErrorRedirection(to: destination)
            let times: [Measurement]
            let reports: [String]
            do {
                (times, reports) = try timeLines(context)
            } catch {
                redirection.restore()
                throw error
            }
            redirection.restore()
            let notes = BenchContext.joinNotes(
                [BenchContext.spreadNote(times, labels: ["Swift", "fprintf", "swift-log"])] + reports)
            rows.append(ResultRow(
                section: section, measurement: "to \(destination.rawValue): \(swiftMeasurement) vs C `fprintf(stderr, …)`",
                unit: "ns/line", ours: times[0].median, baseline: times[1].median,
                goal: destination == .pipeWithWaitingReader ? nil : .ratioAtMost(goal), notes: notes))
            rows.append(ResultRow(
                section: section,
                measurement: "to \(destination.rawValue): \(swiftMeasurement) vs swift-log `StreamLogHandler` (same message)",
                unit: "ns/line", ours: times[0].median, baseline: times[2].median, notes: notes))
        }
        for destination in StandardErrorRedirection.Destination.counted {
            let swift = context.instructions(of: CallSiteCase.lineSwift, to: destination)
            let fprintf = context.instructions(of: CallSiteCase.lineFprintf, to: destination)
            let swiftLog = context.instructions(of: CallSiteCase.lineSwiftLog, to: destination)
            rows.append(ResultRow(
                section: section, measurement: "to \(destination.rawValue): \(swiftMeasurement) vs C `fprintf(stderr, …)`",
                unit: "instructions/line", ours: swift.value, baseline: fprintf.value, goal: .ratioAtMost(goal),
                notes: BenchContext.joinNotes([swift.note, fprintf.note])))
            rows.append(ResultRow(
                section: section, measurement: "to \(destination.rawValue): \(swiftMeasurement) vs swift-log `StreamLogHandler`",
                unit: "instructions/line", ours: swift.value, baseline: swiftLog.value,
                notes: BenchContext.joinNotes([swift.note, swiftLog.note])))
        }
        return rows
    }

    /// Times the three call sites on the current descriptor 2. The cases, and with them the stderr backend's
    /// private descriptor of a pipe, are gone when this returns, so the pipe's reader then sees its end.
    private static func timeLines(_ context: BenchContext) throws -> ([Measurement], [String]) {
        let cases = try [CallSiteCase.lineSwift, .lineFprintf, .lineSwiftLog].map { try $0.prepare(context.inputs) }
        let times = context.time(cases)
        let reports = cases.map { $0.report() }.filter { !$0.isEmpty }
        cases.forEach { $0.finish() }
        return (times, reports)
    }
}
