import Foundation

/// Linear cost of `swift-tracetool check` (issue 16): a 100 MB trace-events file (10 MB with `--quick`) and
/// 1 MB lines, each run as a child process so its wall time and peak memory (`ru_maxrss`) are its own, beside
/// baselines of the same run: `wc -l` of the same bytes, the check of a 1 MB file of QEMU's own lines (time per
/// MB and peak memory), and the file's size.
enum CheckCostSuite: BenchmarkSuite {
    static let name = "check-cost"

    static func run(_ context: BenchContext) throws -> [ResultRow] {
        let tool = try tracetool()
        guard let wc = ProcessRunner.find("wc") else { throw ProcessRunner.Failure(description: "wc is not in PATH") }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ste-check-cost-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let megabytes = context.options.quick ? 10 : 100
        let rounds = context.options.quick ? 1 : 3
        let section = "Linear cost of `swift-tracetool check` (a child process each run: wall time, peak RSS from wait4)"

        context.progress("check-cost: writing a 1 MB and a \(megabytes) MB trace-events file of QEMU's files repeated")
        let small = directory.appendingPathComponent("small/trace-events")
        let large = directory.appendingPathComponent("large/trace-events")
        for url in [small, large] {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        }
        let smallEvents = try LargeTraceEvents.writeRepeatedCorpus(bytes: 1 << 20, to: small)
        let largeEvents = try LargeTraceEvents.writeRepeatedCorpus(bytes: megabytes << 20, to: large)
        let smallMB = try size(of: small) / 1_048_576
        let largeMB = try size(of: large) / 1_048_576

        context.progress("check-cost: check of the 1 MB and \(megabytes) MB files, wc -l of the large one")
        let smallRun = try ChildUsage.median(rounds: rounds, tool, ["check", small.path])
        let largeRun = try ChildUsage.median(rounds: rounds, tool, ["check", large.path])
        let wcRun = try ChildUsage.median(rounds: rounds, wc, ["-l", large.path])
        let what = "\(megabytes) MB file (\(largeEvents) events: QEMU's files repeated, names made unique)"
        let statusNote = "exit status \(largeRun.status) (\(smallRun.status) for 1 MB); median of \(rounds); CPU "
            + "\(Format.number(largeRun.cpuSeconds)) s vs \(Format.number(wcRun.cpuSeconds)) s"
        var rows = [
            ResultRow(
                section: section, measurement: "check of a \(what) vs `wc -l` of it", unit: "s",
                ours: largeRun.seconds, baseline: wcRun.seconds, goal: .valueAtMost(10), notes: statusNote),
            ResultRow(
                section: section, measurement: "check of the \(megabytes) MB file vs of a 1 MB file of the same lines (\(smallEvents) events), per MB",
                unit: "s/MB", ours: largeRun.seconds / largeMB, baseline: smallRun.seconds / smallMB,
                goal: .ratioAtMost(1.5),
                notes: "linear: the ratio stays near 1 (start-up weighs on the 1 MB figure); CPU per MB "
                    + "\(Format.number(largeRun.cpuSeconds / largeMB)) s vs \(Format.number(smallRun.cpuSeconds / smallMB)) s"),
            ResultRow(
                section: section, measurement: "peak memory of the check of the \(megabytes) MB file vs the file's size",
                // A process's own ~26 MiB weigh on a 10 MB file: the goal is the full run's.
                unit: "MiB", ours: largeRun.peakMiB, baseline: largeMB, goal: context.options.quick ? nil : .ratioAtMost(5),
                notes: "the bytes are held once, then one entry per event name; the 1 MB file's check peaks at "
                    + "\(Format.number(smallRun.peakMiB)) MiB, `wc -l` at \(Format.number(wcRun.peakMiB)) MiB"),
        ]
        rows += try longLines(tool: tool, wc: wc, in: directory, rounds: rounds, section: section, ordinary: smallRun, context)
        return rows
    }

    /// The shapes of one 1 MB line: a conversion with a repeated flag, and half a million conversions.
    private static func longLines(
        tool: String, wc: String, in directory: URL, rounds: Int, section: String, ordinary: ChildUsage,
        _ context: BenchContext
    ) throws -> [ResultRow] {
        let shapes: [(what: String, body: String, prefix: String, suffix: String)] = [
            ("one conversion with 1,000,000 repeated '-' flags (`%------…d`, issue 16's finding)", "-", "%", "d"),
            ("500,000 conversions `%d%d…` for one argument", "%d", "", ""),
        ]
        var rows: [ResultRow] = []
        for (index, shape) in shapes.enumerated() {
            let url = directory.appendingPathComponent("line\(index)/trace-events")
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try LargeTraceEvents.writeLongLine(
                repeating: shape.body, prefix: shape.prefix, suffix: shape.suffix, bytes: 1_000_000, to: url)
            context.progress("check-cost: check of a 1 MB line, \(shape.what)")
            let run = try ChildUsage.median(rounds: rounds, tool, ["check", url.path])
            let wcRun = try ChildUsage.median(rounds: rounds, wc, ["-l", url.path])
            let notes = "exit status \(run.status) (the line has errors or warnings); median of \(rounds); CPU "
                + "\(Format.number(run.cpuSeconds)) s"
            rows += [
                ResultRow(
                    section: section, measurement: "check of a 1 MB line: \(shape.what) vs `wc -l` of it", unit: "s",
                    ours: run.seconds, baseline: wcRun.seconds, goal: .valueAtMost(2), notes: notes),
                ResultRow(
                    section: section, measurement: "peak memory of that check vs the check of a 1 MB file of QEMU's lines",
                    unit: "MiB", ours: run.peakMiB, baseline: ordinary.peakMiB, goal: nil, notes: notes),
            ]
        }
        return rows
    }

    /// The swift-tracetool this package's build built for the build plugin (`swift-tracetool-tool`, the release
    /// build of the root package's product), beside trace-bench.
    private static func tracetool() throws -> String {
        let directory = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
        for name in ["swift-tracetool-tool", "swift-tracetool"] {
            let candidate = directory.appendingPathComponent(name).path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw ProcessRunner.Failure(description: "no swift-tracetool beside \(directory.path): build Benchmarks in release first")
    }

    private static func size(of url: URL) throws -> Double {
        Double(try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int ?? 0)
    }
}
