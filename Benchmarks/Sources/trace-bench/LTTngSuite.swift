import Foundation

/// Event on in LTTng: generated Swift against C's `lttng_ust_tracepoint()`, both recorded by one session.
enum LTTngSuite: BenchmarkSuite {
    static let name = "lttng"

    /// Events per sample at most, so one sample fits the ring buffer (16 × 4 MiB per CPU) with room to spare
    /// while the consumer daemon drains the previous one.
    static let maximumEventsPerSample: UInt64 = 200_000

    static func run(_ context: BenchContext) throws -> [ResultRow] {
        context.progress("event on in LTTng: creating a session")
        // One channel per side, so each side's discarded events are counted apart.
        let session = try LTTngSession(channels: [
            LTTngSession.Channel(name: "swift", events: ["ste_bench_swift:bench_str2", "ste_bench_swift:bench_int10"]),
            LTTngSession.Channel(name: "c", events: ["ste_bench_c:bench_str2", "ste_bench_c:bench_int10"]),
        ])
        defer { session.destroy() }

        let pairs: [(label: String, swift: CallSiteCase, c: CallSiteCase, measurement: String)] = [
            ("one string, two integers", .str2Swift, .str2C,
             "Swift `trace_bench_str2(name, offset, size)` vs C `lttng_ust_tracepoint()`"),
            ("ten integers", .int10Swift, .int10C,
             "Swift `trace_bench_int10(a0, …, a9)` vs C `lttng_ust_tracepoint()`"),
        ]
        var emitted = (swift: UInt64(0), c: UInt64(0))
        var timed: [(Measurement, Measurement)] = []
        for pair in pairs {
            context.progress("event on in LTTng: timing \(pair.label)")
            let swift = try pair.swift.prepare(context.inputs)
            let c = try pair.c.prepare(context.inputs)
            let swiftCounter = EventCounter(swift.body)
            let cCounter = EventCounter(c.body)
            let times = context.sampler.compare(
                [swiftCounter.body, cCounter.body], maximumIterations: maximumEventsPerSample,
                betweenSamples: { usleep(5_000) })
            emitted.swift += swiftCounter.count
            emitted.c += cCounter.count
            timed.append((times[0], times[1]))
            swift.finish()
            c.finish()
        }
        var instructions: [(swift: (value: Double?, note: String), c: (value: Double?, note: String))] = []
        for pair in pairs {
            instructions.append((context.instructions(of: pair.swift), context.instructions(of: pair.c)))
        }
        context.progress("event on in LTTng: stopping the session")
        let discarded = try session.stopAndCountDiscarded()
        let discardNote = "discarded: Swift \(discarded["swift"] ?? 0) of \(emitted.swift), "
            + "C \(discarded["c"] ?? 0) of \(emitted.c) events"

        let section = "Event on, recorded by LTTng-UST (session in discard mode, 16 × 4 MiB sub-buffers per CPU)"
        var rows: [ResultRow] = []
        for (index, pair) in pairs.enumerated() {
            let (swiftTime, cTime) = timed[index]
            rows.append(ResultRow(
                section: section, measurement: pair.measurement + " — \(pair.label)", unit: "ns/event",
                ours: swiftTime.median, baseline: cTime.median, goal: .ratioAtMost(1.1),
                notes: BenchContext.spreadNote([swiftTime, cTime]) + "; " + discardNote))
        }
        for (index, pair) in pairs.enumerated() {
            let counts = instructions[index]
            rows.append(ResultRow(
                section: section, measurement: pair.measurement + " — \(pair.label)", unit: "instructions/event",
                ours: counts.swift.value, baseline: counts.c.value, goal: .ratioAtMost(1.1),
                notes: [counts.swift.note, counts.c.note].filter { !$0.isEmpty }.joined(separator: "; ")))
        }
        return rows
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
