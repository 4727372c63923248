import CBaseline
import Foundation
import TraceEvents
import VFIOMigration

/// The migration engine: throughput against a plain copy, and what tracing on costs a whole migration.
enum MigrationSuite: BenchmarkSuite {
    static let name = "migration"

    static func run(_ context: BenchContext) throws -> [ResultRow] {
        let quick = context.options.quick
        var rows: [ResultRow] = []
        for size in quick ? [64 << 20] : [256 << 20, 1 << 30] {
            for link in MigrationRunner.Link.allCases {
                rows += try throughputRows(context, size: size, link: link, rounds: quick ? 1 : (size >= 1 << 30 ? 3 : 5))
            }
        }
        rows += try tracingRows(context, size: quick ? 64 << 20 : 256 << 20, rounds: quick ? 1 : 30)
        return rows
    }

    /// One v2 device of `size` bytes in 4 KiB pages, an idle guest.
    static func machine(size: Int) -> MachineConfiguration {
        MachineConfiguration(protocolVersion: .v2, deviceCount: 1, pageCount: size / 4096, pageSize: 4096)
    }

    static func megabytes(_ size: Int) -> String {
        size >= 1 << 30 ? "\(size >> 30) GiB" : "\(size >> 20) MiB"
    }

    /// Migration against the plain copy, alternating so that noise from the rest of the machine hits both alike:
    /// throughput, CPU per GiB on each side, peak memory.
    static func throughputRows(_ context: BenchContext, size: Int, link: MigrationRunner.Link, rounds: Int) throws
        -> [ResultRow]
    {
        let runner = MigrationRunner(configuration: machine(size: size), link: link)
        let label = "1 v2 device of \(megabytes(size)), \(link.rawValue), no bandwidth limit"
        context.progress("migration: warm-up (\(label))")
        _ = try runner.migrate()
        var engine: [MigrationRunner.Run] = []
        var plain: [MigrationRunner.Run] = []
        for round in 1...rounds {
            context.progress("migration: round \(round)/\(rounds): engine, plain copy (\(label))")
            engine.append(try runner.migrate())
            plain.append(try runner.plainCopy(bytes: engine.last!.bytes))
        }
        let section = "Migration engine vs plain copy (\(label); median of \(rounds) rounds, alternating)"
        let gibibytes = { (run: MigrationRunner.Run) in Double(run.bytes) / Double(1 << 30) }
        let passes = engine[0].passes
        return [
            ResultRow(
                section: section, measurement: "throughput, all events off vs a plain copy of the same bytes over the same socket",
                unit: "MB/s", ours: median(engine) { Double($0.bytes) / $0.seconds / 1e6 },
                baseline: median(plain) { Double($0.bytes) / $0.seconds / 1e6 }, goal: .ratioAtLeast(0.5),
                notes: "\(engine[0].bytes) bytes; copy in \(MigrationRunner.copyChunk >> 20) MiB pieces; IQR: engine "
                    + "\(spread(engine)), copy \(spread(plain)); source \(passes.source), destination \(passes.destination)"),
            ResultRow(
                section: section, measurement: "CPU time of the source vs the plain copy's sender",
                unit: "s/GiB", ours: median(engine) { $0.sourceCPU / gibibytes($0) },
                baseline: median(plain) { $0.sourceCPU / gibibytes($0) },
                notes: "thread CPU time (CLOCK_THREAD_CPUTIME_ID) over the bytes sent"),
            ResultRow(
                section: section, measurement: "CPU time of the destination vs the plain copy's receiver",
                unit: "s/GiB", ours: median(engine) { $0.destinationCPU / gibibytes($0) },
                baseline: median(plain) { $0.destinationCPU / gibibytes($0) },
                notes: "thread CPU time (CLOCK_THREAD_CPUTIME_ID) over the bytes received"),
            ResultRow(
                section: section, measurement: "peak resident memory the run added (both sides) vs two copies of the device state",
                unit: "MiB", ours: median(engine) { mebibytes($0.residentAdded) },
                baseline: mebibytes(UInt64(2 * size)), goal: .ratioAtMost(1.15),
                notes: "VmHWM of this process (both sides), reset once the machines exist, minus its VmRSS before they "
                    + "were built (\(Format.number(median(engine) { mebibytes($0.residentBefore) })) MiB: the benchmark's "
                    + "own); peak of the whole process \(Format.number(median(engine) { mebibytes($0.peakResident) })) MiB; "
                    + "plain copy added \(Format.number(median(plain) { mebibytes($0.residentAdded) })) MiB"),
        ]
    }

    static func mebibytes(_ bytes: UInt64) -> Double { Double(bytes) / Double(1 << 20) }

    static func median(_ runs: [MigrationRunner.Run], _ value: (MigrationRunner.Run) -> Double) -> Double {
        Measurement.percentile(runs.map(value), 0.5)
    }

    /// The interquartile range of `value` (wall seconds unless told) over `runs`, relative to its median.
    static func spread(_ runs: [MigrationRunner.Run], _ value: (MigrationRunner.Run) -> Double = { $0.seconds }) -> String {
        Format.number(Measurement(nanosecondsPerIteration: runs.map(value), iterationsPerSample: 1).spreadPercent) + "%"
    }

    /// The ways a migration is traced in the tracing rows.
    enum Tracing: CaseIterable {
        case off, lttng, standardError
    }

    /// What tracing costs a migration at full speed: all off, every event on in LTTng, `vfio_*` on to stderr.
    ///
    /// The three alternate, in an order that turns each round (off, LTTng, stderr; LTTng, stderr, off; ...), so
    /// that noise from the rest of the machine hits them alike. Each LTTng run has a session of its own, destroyed
    /// before the next run: a stopped session would leave its tracepoints armed.
    static func tracingRows(_ context: BenchContext, size: Int, rounds: Int) throws -> [ResultRow] {
        let runner = MigrationRunner(configuration: machine(size: size), link: .unix)
        let machine = "1 v2 device of \(megabytes(size)), Unix socket, no bandwidth limit"
        context.progress("migration: warm-up (\(machine)), counting its events")
        let events = try countingEvents(matching: "vfio_*") { try runner.migrate() }
        let allEvents = try countingEvents(matching: "*") { try runner.migrate() }
        let provider = TraceEvents.groups.first { group in group.events.contains { $0.name.hasPrefix("vfio_") } }?
            .provider ?? "vfio_migration"
        var runs: [Tracing: [MigrationRunner.Run]] = [:]
        var discarded = 0
        var daemonMilliseconds: [Double] = []
        for round in 0..<rounds {
            context.progress("migration: round \(round + 1)/\(rounds): events off, LTTng on, stderr on, in turn")
            for offset in 0..<Tracing.allCases.count {
                let tracing = Tracing.allCases[(round + offset) % Tracing.allCases.count]
                switch tracing {
                case .off:
                    runs[.off, default: []].append(try runner.migrate())
                case .standardError:
                    runs[.standardError, default: []].append(try withStandardErrorTracing { try runner.migrate() })
                case .lttng:
                    let traced = try withLTTngTracing(provider: provider) { try runner.migrate() }
                    runs[.lttng, default: []].append(traced.result)
                    discarded += traced.discarded
                    daemonMilliseconds.append(traced.daemonSeconds * 1000)
                }
            }
        }
        let off = runs[.off] ?? [], lttng = runs[.lttng] ?? [], standardError = runs[.standardError] ?? []
        let section = "Migration tracing (\(machine); \(rounds) runs each, the three in turn)"
        let lttngName = "every event on in LTTng (`\(provider):*`)", stderrName = "`vfio_*` on to stderr (/dev/null)"
        let daemons = Format.number(Measurement.percentile(daemonMilliseconds, 0.5))
        let lttngNotes = "\(allEvents) events per migration; discarded: \(discarded); LTTng's daemons used \(daemons) ms "
            + "of CPU during a traced run (median)"
        return tracedRows(section, lttngName, lttng, against: off, notes: lttngNotes)
            + tracedRows(section, stderrName, standardError, against: off, notes: "\(events) lines per migration")
    }

    /// A traced mode's two rows against all off: the median wall time and the median CPU time of both sides'
    /// threads, which the hypervisor's and other processes' interference hardly touches. The notes add each
    /// round's ratio (the two runs were back to back) and the fastest runs (interference only ever adds time).
    static func tracedRows(
        _ section: String, _ name: String, _ traced: [MigrationRunner.Run], against off: [MigrationRunner.Run],
        notes: String
    ) -> [ResultRow] {
        let milliseconds = { (run: MigrationRunner.Run) in run.seconds * 1000 }
        let cpu = { (run: MigrationRunner.Run) in (run.sourceCPU + run.destinationCPU) * 1000 }
        let fastest = { (runs: [MigrationRunner.Run]) in runs.map(milliseconds).min() ?? 0 }
        return [
            ResultRow(
                section: section, measurement: "time, median, \(name) vs all off", unit: "ms",
                ours: median(traced, milliseconds), baseline: median(off, milliseconds), goal: .ratioAtMost(1.03),
                notes: "\(notes); IQR \(spread(traced)) vs \(spread(off)); \(roundRatios(traced, off, milliseconds)); "
                    + "fastest runs \(Format.number(fastest(traced))) vs \(Format.number(fastest(off))) ms"),
            ResultRow(
                section: section, measurement: "CPU time of both sides, median, \(name) vs all off", unit: "ms",
                ours: median(traced, cpu), baseline: median(off, cpu), goal: .ratioAtMost(1.03),
                notes: "source and destination threads (CLOCK_THREAD_CPUTIME_ID); IQR \(spread(traced, cpu)) vs "
                    + "\(spread(off, cpu)); " + roundRatios(traced, off, cpu)),
        ]
    }

    /// The ratios of each round's traced run to the same round's off run (the two ran back to back, so they
    /// shared the machine's state): their median and range.
    static func roundRatios(
        _ traced: [MigrationRunner.Run], _ off: [MigrationRunner.Run], _ value: (MigrationRunner.Run) -> Double
    ) -> String {
        let ratios = zip(traced, off).map { value($0) / value($1) }.sorted()
        guard let low = ratios.first, let high = ratios.last else { return "no rounds" }
        return "round by round: median \(Format.ratio(Measurement.percentile(ratios, 0.5))), "
            + "\(Format.ratio(low))-\(Format.ratio(high))"
    }

    /// Runs `body` with every event of `provider` recorded by an LTTng session of its own, destroyed afterwards;
    /// returns the body's result, the events the session discarded and the CPU seconds LTTng's daemons used
    /// while `body` ran.
    static func withLTTngTracing<Result>(provider: String, _ body: () throws -> Result)
        throws -> (result: Result, discarded: Int, daemonSeconds: Double)
    {
        let result: Result
        let discarded: Int
        let daemonSeconds: Double
        do {
            // A migration emits a few events per 1 MiB block: 4 x 1 MiB per CPU holds them (the discarded count
            // says so), and ring buffers that size take the daemons little time to set up.
            let session = try LTTngSession(
                channels: [
                    LTTngSession.Channel(name: "migration", events: ["\(provider):*"]),
                    // A canary in this process: once it is armed, the session's rules have reached this process.
                    LTTngSession.Channel(name: "canary", events: ["ste_bench_c:bench_off"]),
                ],
                subbufferBytes: 1 << 20, subbufferCount: 4)
            defer { session.destroy() }
            try CallSiteCase.waitUntil("the LTTng session to reach this process") {
                ste_bench_c_tracepoint_enabled("off") != 0
            }
            // The session daemon and consumer daemon go on setting the session up (streams, buffers) after the
            // rules arrive; on two cores that work would land inside the timed migration.
            usleep(300_000)
            let daemonsBefore = DaemonCPUTime.seconds()
            result = try body()
            daemonSeconds = DaemonCPUTime.seconds() - daemonsBefore
            discarded = try session.stopAndCountDiscarded()["migration"] ?? 0
        }
        try CallSiteCase.waitUntil("the LTTng session's rules to leave this process") {
            ste_bench_c_tracepoint_enabled("off") == 0
        }
        return (result, discarded, daemonSeconds)
    }

    /// Runs `body` with the events matching `pattern` on to a ``CountingBackend``; returns how many it emitted.
    static func countingEvents(matching pattern: String, _ body: () throws -> some Any) throws -> Int {
        let counter = CountingBackend()
        TraceEvents.backends = [counter]
        TraceEvents.enable(pattern)
        defer {
            TraceEvents.disable(pattern)
            TraceEvents.backends = []
        }
        _ = try body()
        return counter.count
    }

    /// Runs `body` with `vfio_*` on and the stderr backend writing to /dev/null.
    static func withStandardErrorTracing<Result>(_ body: () throws -> Result) throws -> Result {
        let redirection = try StandardErrorRedirection(to: .devNull)
        TraceEvents.backends = [StderrTraceBackend(lineFormat: .timestamped)]
        TraceEvents.enable("vfio_*")
        defer {
            TraceEvents.disable("vfio_*")
            TraceEvents.backends = []
            redirection.restore()
        }
        return try body()
    }
}
