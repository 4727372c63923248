import Foundation
import TraceEventsGeneratorCore

/// The build-time sync check (`swift-tracetool sync`, run by the build plugin for every Swift target whose
/// sources changed): scan 100,000 lines of real Swift for `trace_` calls and compare them with the events.
enum SyncSuite: BenchmarkSuite {
    static let name = "sync"

    /// How many lines of sources the check reads.
    static let targetLines = 100_000

    static func run(_ context: BenchContext) throws -> [ResultRow] {
        let definitions = SharedData.repositoryRoot.appendingPathComponent("trace-events")
        let (file, _) = try TraceEventsLoader.load(path: definitions.path)
        let tree = try writeCorpus()
        defer { try? FileManager.default.removeItem(at: tree.directory) }
        let rounds = context.options.quick ? 5 : 21
        context.progress("sync: checking \(tree.lines) lines in \(tree.files) Swift files against the root trace-events")

        var diagnostics = 0
        var occurrences = 0
        var bytesRead = 0
        // The sides are sampled in turn (A B C, B C A, ...) so that a burst of load hits them alike:
        // the check; the floor under any lexer, the same files read and each "trace_" found by a plain byte
        // search (no comments, strings or positions), as `grep -o trace_` would; and reading them alone.
        let (medians, cpuMedians) = try interleavedMedians(rounds: rounds, [
            { diagnostics = try UsageChecker().check([file], sourcePaths: [tree.directory.path]).count },
            { occurrences = try naiveCount(in: tree.directory) },
            { bytesRead = try plainRead(of: tree.directory) },
        ])
        let section = "Build-time sync (TraceEventsGeneratorCore, files read from disk each time)"
        let check = "`swift-tracetool sync`'s check of \(tree.lines) lines (\(tree.files) files, the package's own Swift sources repeated)"
        // CPU time leaves out the waits for a core that a loaded machine adds to the wall-clock figures.
        let cpu = "CPU time: check \(Self.milliseconds(cpuMedians[0])), count \(Self.milliseconds(cpuMedians[1])), read \(Self.milliseconds(cpuMedians[2])) ms"
        let notes = "median of \(rounds), sides interleaved; \(cpu); \(bytesRead) bytes, \(occurrences) \"trace_\" occurrences, "
            + "\(diagnostics) diagnostics (copies leave events unused nowhere, calls of test stand-ins undefined)"
        return [
            ResultRow(
                section: section, measurement: "\(check) vs reading them and counting \"trace_\" bytes",
                unit: "ms", ours: medians[0] * 1000, baseline: medians[1] * 1000, goal: .valueAtMost(100), notes: notes),
            ResultRow(
                section: section, measurement: "\(check) vs only reading them",
                unit: "ms", ours: medians[0] * 1000, baseline: medians[2] * 1000, goal: nil, notes: notes),
        ]
    }

    /// The median wall-clock and CPU seconds of each body over `rounds` rounds after one warm-up, taking
    /// the bodies in a rotated order each round.
    private static func interleavedMedians(rounds: Int, _ bodies: [() throws -> Void]) throws -> (wall: [Double], cpu: [Double]) {
        for body in bodies { try body() }
        var wall = [[Double]](repeating: [], count: bodies.count)
        var cpu = wall
        for round in 0..<rounds {
            for step in 0..<bodies.count {
                let side = (round + step) % bodies.count
                let (start, cpuStart) = (MonotonicClock.now(), threadCPUNanoseconds())
                try bodies[side]()
                wall[side].append(Double(MonotonicClock.now() - start) / 1e9)
                cpu[side].append(Double(threadCPUNanoseconds() - cpuStart) / 1e9)
            }
        }
        return (wall.map { Measurement.percentile($0, 0.5) }, cpu.map { Measurement.percentile($0, 0.5) })
    }

    private static func threadCPUNanoseconds() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return UInt64(time.tv_sec) &* 1_000_000_000 &+ UInt64(time.tv_nsec)
    }

    private static func milliseconds(_ seconds: Double) -> String { String(format: "%.1f", seconds * 1000) }

    /// The package's Swift sources copied into a temporary tree until it holds `targetLines` lines.
    private static func writeCorpus() throws -> (directory: URL, files: Int, lines: Int) {
        let sources = try SourceFileCollector.sourceFiles(under: [SharedData.repositoryRoot.appendingPathComponent("Sources").path])
            .filter { $0.hasSuffix(".swift") }
            .map { try SourceFileCollector.read($0) }
        guard !sources.isEmpty else { throw ProcessRunner.Failure(description: "no Swift sources under Sources/") }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ste-sync-bench-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var lines = 0
        var files = 0
        while lines < targetLines {
            let text = sources[files % sources.count]
            try text.write(to: directory.appendingPathComponent("Copy\(files).swift"), atomically: false, encoding: .utf8)
            lines += text.utf8.reduce(0) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
            files += 1
        }
        return (directory, files, lines)
    }

    /// Reads every file, as the check does, and does nothing else.
    private static func plainRead(of directory: URL) throws -> Int {
        var total = 0
        for path in try SourceFileCollector.sourceFiles(under: [directory.path]) {
            total += FileManager.default.contents(atPath: path)?.count ?? 0
        }
        return total
    }

    private static func naiveCount(in directory: URL) throws -> Int {
        let needle = Array("trace_".utf8)
        var count = 0
        for path in try SourceFileCollector.sourceFiles(under: [directory.path]) {
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            data.withUnsafeBytes { raw in
                let bytes = raw.bindMemory(to: UInt8.self)
                var index = 0
                while index + needle.count <= bytes.count {
                    if bytes[index] == needle[0], bytes[index + 1] == needle[1], bytes[index..<(index + needle.count)].elementsEqual(needle) {
                        count += 1
                        index += needle.count
                    } else {
                        index += 1
                    }
                }
            }
        }
        return count
    }
}
