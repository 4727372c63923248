import CBaseline
import Foundation
import TraceEvents
import VFIOMigration

/// The migration engine: throughput against a plain copy, and what tracing on costs a whole migration.
enum MigrationSuite: BenchmarkSuite {
    static let name = "migration"

    static func run(_ context: BenchContext) throws -> [ResultRow] {
        let quick = context.options.quick
        let configuration = MachineConfiguration(
            protocolVersion: .v2, deviceCount: quick ? 1 : 2, pageCount: quick ? 4096 : 8192, pageSize: 4096)
        let megabytes = (configuration.deviceCount * configuration.pageCount * configuration.pageSize) >> 20
        let machine = "\(configuration.deviceCount) v2 device(s), \(megabytes) MiB, Unix socket, no bandwidth limit"
        let runner = MigrationRunner(configuration: configuration)
        let rounds = quick ? 1 : 7

        context.progress("migration: warm-up (\(machine))")
        _ = try runner.migrate()

        // Off, stderr and the plain copy alternate, so noise from the rest of the machine hits them alike.
        var off: [MigrationRunner.Run] = []
        var standardError: [MigrationRunner.Run] = []
        var plain: [MigrationRunner.Run] = []
        for round in 1...rounds {
            context.progress("migration: round \(round)/\(rounds): events off, stderr on, plain copy")
            off.append(try runner.migrate())
            standardError.append(try withStandardErrorTracing { try runner.migrate() })
            plain.append(try runner.plainCopy(bytes: off.last!.bytes))
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

        func medianSeconds(_ runs: [MigrationRunner.Run]) -> Double {
            Measurement.percentile(runs.map(\.seconds), 0.5)
        }
        func throughput(_ runs: [MigrationRunner.Run]) -> Double {
            Measurement.percentile(runs.map { Double($0.bytes) / $0.seconds / 1e6 }, 0.5)
        }
        func spread(_ runs: [MigrationRunner.Run]) -> String {
            Format.number(Measurement(nanosecondsPerIteration: runs.map(\.seconds), iterationsPerSample: 1).spreadPercent) + "%"
        }
        let section = "Migration (\(machine); median of \(rounds) runs, all-off runs before and after the LTTng runs)"
        return [
            ResultRow(
                section: section, measurement: "throughput, all events off vs a plain copy of the same bytes over the same kind of socket",
                unit: "MB/s", ours: throughput(off), baseline: throughput(plain),
                notes: "\(off[0].bytes) bytes per migration; plain copy in 64 KiB writes; "
                    + "IQR: off \(spread(off)), copy \(spread(plain))"),
            ResultRow(
                section: section, measurement: "time, every event on in LTTng (`\(provider):*`) vs all off",
                unit: "ms", ours: medianSeconds(lttng) * 1000, baseline: medianSeconds(off) * 1000,
                goal: .ratioAtMost(1.03),
                notes: "discarded events: \(discarded); IQR: LTTng \(spread(lttng)), off \(spread(off))"),
            ResultRow(
                section: section, measurement: "time, stderr on for `vfio_*` (to /dev/null) vs all off",
                unit: "ms", ours: medianSeconds(standardError) * 1000, baseline: medianSeconds(off) * 1000,
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
