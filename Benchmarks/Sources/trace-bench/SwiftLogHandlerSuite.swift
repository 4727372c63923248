import Foundation

/// swift-log messages recorded by LTTng through `LTTngLogHandler` against swift-log's `StreamLogHandler` writing
/// the same message to /dev/null.
enum SwiftLogHandlerSuite: BenchmarkSuite {
    static let name = "swift-log"

    static func run(_ context: BenchContext) throws -> [ResultRow] {
        let section = "A swift-log `logger.info(…)` message (the stderr benchmark's message)"
        let measurement = "`LTTngLogHandler` recorded by LTTng (swift_log:message) vs `StreamLogHandler` to /dev/null"
        context.progress("swift-log handlers")
        let session = try LTTngSession(channels: [LTTngSession.Channel(name: "log", events: ["swift_log:message"])])
        defer { session.destroy() }
        let redirection = try StandardErrorRedirection(to: .devNull)
        let cases: [PreparedCase]
        do {
            cases = try [CallSiteCase.logLTTng, .logStream].map { try $0.prepare(context.inputs) }
        } catch {
            redirection.restore()
            throw error
        }
        let counter = EventCounter(cases[0].body)
        let times = context.sampler.compare(
            [counter.body, cases[1].body], maximumIterations: LTTngSuite.maximumEventsPerSample,
            betweenSamples: { usleep(5_000) })
        redirection.restore()
        cases.forEach { $0.finish() }
        let lttng = context.instructions(of: .logLTTng)
        let stream = context.instructions(of: .logStream)
        let discarded = try session.stopAndCountDiscarded()
        let discardNote = "discarded: \(discarded["log"] ?? 0) of \(counter.count) messages"
        return [
            ResultRow(
                section: section, measurement: measurement, unit: "ns/message", ours: times[0].median,
                baseline: times[1].median,
                notes: BenchContext.joinNotes([BenchContext.spreadNote(times, labels: ["LTTng", "Stream"]), discardNote])),
            ResultRow(
                section: section, measurement: measurement, unit: "instructions/message", ours: lttng.value,
                baseline: stream.value, notes: BenchContext.joinNotes([lttng.note, stream.note])),
        ]
    }
}
