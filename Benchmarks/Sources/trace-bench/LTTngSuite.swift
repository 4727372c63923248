import Foundation

/// Event on in LTTng: generated Swift against C's `lttng_ust_tracepoint()`, both recorded by one session.
enum LTTngSuite: BenchmarkSuite {
    static let name = "lttng"

    /// Events per sample at most, so one sample fits the ring buffer (16 × 4 MiB per CPU) with room to spare
    /// while the consumer daemon drains the previous one.
    static let maximumEventsPerSample: UInt64 = 200_000

    /// One comparison: a Swift event and its C twin.
    private struct Pair {
        var label: String
        var event: String
        var swift: CallSiteCase
        var c: CallSiteCase
        var measurement: String
    }

    static func run(_ context: BenchContext) throws -> [ResultRow] {
        let pairs = [
            Pair(
                label: "one string, two integers", event: "bench_str2", swift: .str2Swift, c: .str2C,
                measurement: "Swift `trace_bench_str2(name, offset, size)` vs C `lttng_ust_tracepoint()`"),
            Pair(
                label: "ten integers", event: "bench_int10", swift: .int10Swift, c: .int10C,
                measurement: "Swift `trace_bench_int10(a0, …, a9)` vs C `lttng_ust_tracepoint()`"),
        ]
        let section = "Event on, recorded by LTTng-UST (a session in discard mode, 16 × 4 MiB sub-buffers per CPU)"
        var timeRows: [ResultRow] = []
        var instructionRows: [ResultRow] = []
        for pair in pairs {
            context.progress("event on in LTTng: \(pair.label)")
            // A session per pair and a channel per side, so each figure has its own discarded-event count.
            let session = try LTTngSession(channels: [
                LTTngSession.Channel(name: "swift", events: ["ste_bench_swift:\(pair.event)"]),
                LTTngSession.Channel(name: "c", events: ["ste_bench_c:\(pair.event)"]),
            ])
            defer { session.destroy() }
            let swift = try pair.swift.prepare(context.inputs)
            let c = try pair.c.prepare(context.inputs)
            let swiftCounter = EventCounter(swift.body)
            let cCounter = EventCounter(c.body)
            let times = context.sampler.compare(
                [swiftCounter.body, cCounter.body], maximumIterations: maximumEventsPerSample,
                betweenSamples: { usleep(5_000) })
            swift.finish()
            c.finish()
            // The callgrind children record into the same session; their few events are not in the totals.
            let swiftInstructions = context.instructions(of: pair.swift)
            let cInstructions = context.instructions(of: pair.c)
            let discarded = try session.stopAndCountDiscarded()
            let discardNote = "discarded: Swift \(discarded["swift"] ?? 0) of \(swiftCounter.count), "
                + "C \(discarded["c"] ?? 0) of \(cCounter.count) events"
            timeRows.append(ResultRow(
                section: section, measurement: "\(pair.measurement) — \(pair.label)", unit: "ns/event",
                ours: times[0].median, baseline: times[1].median, goal: .ratioAtMost(1.1),
                notes: BenchContext.joinNotes([
                    BenchContext.spreadNote(times, labels: ["Swift", "C"]), discardNote,
                ])))
            instructionRows.append(ResultRow(
                section: section, measurement: "\(pair.measurement) — \(pair.label)", unit: "instructions/event",
                ours: swiftInstructions.value, baseline: cInstructions.value, goal: .ratioAtMost(1.1),
                notes: BenchContext.joinNotes([swiftInstructions.note, cInstructions.note])))
        }
        return timeRows + instructionRows
    }
}

/// Counts the iterations a body performs (events emitted), to put discarded events in proportion.
final class EventCounter {
    /// Iterations performed so far.
    private(set) var count: UInt64 = 0
    private let inner: (UInt64) -> Void

    /// Wraps a body.
    init(_ body: @escaping (UInt64) -> Void) { inner = body }

    /// The counting body.
    var body: (UInt64) -> Void {
        { [self] iterations in
            count += iterations
            inner(iterations)
        }
    }
}
