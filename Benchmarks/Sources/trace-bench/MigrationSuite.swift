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
        rows += try tracingRows(context, size: quick ? 64 << 20 : 256 << 20, rounds: quick ? 1 : 7)
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
                section: section, measurement: "peak resident memory of both sides vs two copies of the device state",
                unit: "MiB", ours: median(engine) { Double($0.peakResident) / Double(1 << 20) },
                baseline: Double(2 * size) / Double(1 << 20), goal: .ratioAtMost(1.15),
                notes: "VmHWM of this process (both sides, the benchmark itself included), reset before each run; "
                    + "plain copy \(Format.number(median(plain) { Double($0.peakResident) / Double(1 << 20) })) MiB"),
        ]
    }

    static func median(_ runs: [MigrationRunner.Run], _ value: (MigrationRunner.Run) -> Double) -> Double {
        Measurement.percentile(runs.map(value), 0.5)
    }

    static func spread(_ runs: [MigrationRunner.Run]) -> String {
        Format.number(Measurement(nanosecondsPerIteration: runs.map(\.seconds), iterationsPerSample: 1).spreadPercent) + "%"
    }

    /// What tracing costs a migration at full speed: all off, stderr on and LTTng on, several rounds each.
    static func tracingRows(_ context: BenchContext, size: Int, rounds: Int) throws -> [ResultRow] {
        let runner = MigrationRunner(configuration: machine(size: size), link: .unix)
        let machine = "1 v2 device of \(megabytes(size)), Unix socket, no bandwidth limit"
        context.progress("migration: warm-up (\(machine))")
        _ = try runner.migrate()

        // Off and stderr alternate, so noise from the rest of the machine hits them alike.
        var off: [MigrationRunner.Run] = []
        var standardError: [MigrationRunner.Run] = []
        for round in 1...rounds {
            context.progress("migration: round \(round)/\(rounds): events off, stderr on")
            off.append(try runner.migrate())
            standardError.append(try withStandardErrorTracing { try runner.migrate() })
        }

        // LTTng cannot alternate: a stopped session leaves its tracepoints armed (probes still run), so the
        // session lives for this phase only, and the off runs are repeated after it to catch drift.
        context.progress("migration: every event on in LTTng")
        let provider = TraceEvents.groups.first { group in group.events.contains { $0.name.hasPrefix("vfio_") } }?
            .provider ?? "vfio_migration"
        var lttng: [MigrationRunner.Run] = []
        let discarded: Int
        do {
            let session = try LTTngSession(channels: [
                LTTngSession.Channel(name: "migration", events: ["\(provider):*"]),
                // A canary in this process: once it is armed, the session's rules have reached this process.
                LTTngSession.Channel(name: "canary", events: ["ste_bench_c:bench_off"]),
            ])
            defer { session.destroy() }
            try CallSiteCase.waitUntil("the LTTng session to reach this process") {
                ste_bench_c_tracepoint_enabled("off") != 0
            }
            for _ in 1...rounds { lttng.append(try runner.migrate()) }
            discarded = try session.stopAndCountDiscarded()["migration"] ?? 0
        }
        try CallSiteCase.waitUntil("the LTTng session's rules to leave this process") {
            ste_bench_c_tracepoint_enabled("off") == 0
        }
        context.progress("migration: events off again")
        for _ in 1...rounds { off.append(try runner.migrate()) }

        let section = "Migration tracing (\(machine); median of \(rounds) runs, all-off runs before and after the LTTng runs)"
        let milliseconds = { (run: MigrationRunner.Run) in run.seconds * 1000 }
        return [
            ResultRow(
                section: section, measurement: "time, every event on in LTTng (`\(provider):*`) vs all off",
                unit: "ms", ours: median(lttng, milliseconds), baseline: median(off, milliseconds),
                goal: .ratioAtMost(1.03),
                notes: "discarded events: \(discarded); IQR: LTTng \(spread(lttng)), off \(spread(off))"),
            ResultRow(
                section: section, measurement: "time, stderr on for `vfio_*` (to /dev/null) vs all off",
                unit: "ms", ours: median(standardError, milliseconds), baseline: median(off, milliseconds),
                goal: .ratioAtMost(1.03),
                notes: "IQR: stderr \(spread(standardError)), off \(spread(off))"),
        ]
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
