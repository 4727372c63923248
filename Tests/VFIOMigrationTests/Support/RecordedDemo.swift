import Foundation
import MigrationReport
import VFIOMigration

#if canImport(Glibc)
import Glibc
#endif

/// One `vfio-migrate demo` recorded two ways at once, by an LTTng session (with the vpid context) and by the stderr
/// backend's classic lines, with the summary the engine printed; each protocol is recorded once per test run.
struct RecordedDemo: Sendable {
    /// The figures the demo printed.
    struct Summary: Sendable {
        var bytesSent: UInt64
        var iterations: Int
        /// Milliseconds, printed with one decimal.
        var downtime: Double
        var totalTime: Double
    }

    let version: MigrationProtocol
    let run: ProcessRunner.Result
    let summary: Summary
    /// The migration as `vfio-migrate report` reads the LTTng trace.
    let lttng: MigrationTimeline
    /// The same migration from the stderr log.
    let stderr: MigrationTimeline

    static let v1 = Result { try record(.v1) }
    static let v2 = Result { try record(.v2) }

    static func recorded(_ version: MigrationProtocol) throws -> RecordedDemo {
        try (version == .v1 ? v1 : v2).get()
    }

    private static func record(_ version: MigrationProtocol) throws -> RecordedDemo {
        try LTTngAvailability.require()
        let session = try LTTngSession.start(
            provider: EventCatalog.provider, subbufferSize: "4M", subbufferCount: 8, contexts: ["vpid"])
        defer { session.destroy() }
        let run = try ProcessRunner.run(
            try TestPaths.vfioMigrate(), DemoTraceTests.demoArguments(version) + ["--trace", "*", "--trace-format", "classic"],
            timeout: 60)
        try session.lttng(["stop", session.name])
        guard run.status == 0, !run.timedOut else { throw TestFailure("the demo failed:\n\(run.combined)") }
        let child = Int64(try DemoTraceTests.childPID(of: run))
        // The session records every vfio-migrate on the machine (other tests run some at the same time).
        let lttng = try TraceRecording(paths: [session.output.path]).migrations.first { $0.destination?.process == child }
        let log = try TestPaths.temporaryDirectory("report-log").appending(path: "demo.log")
        defer { try? FileManager.default.removeItem(at: log.deletingLastPathComponent()) }
        try run.error.write(to: log, atomically: true, encoding: .utf8)
        let stderr = try TraceRecording(paths: [log.path]).migrations.first { $0.destination?.process == child }
        guard let lttng, let stderr else {
            throw TestFailure("the report found no migration to child \(child) (LTTng: \(lttng != nil), stderr: \(stderr != nil))")
        }
        return RecordedDemo(version: version, run: run, summary: try summary(of: run.output), lttng: lttng, stderr: stderr)
    }

    /// The figures of the demo's summary lines.
    static func summary(of output: String) throws -> Summary {
        func field(_ label: String) throws -> String {
            guard let line = output.split(separator: "\n").first(where: { $0.hasPrefix(label + ":") }) else {
                throw TestFailure("no '\(label):' in the summary:\n\(output)")
            }
            return line.dropFirst(label.count + 1).trimmingCharacters(in: .whitespaces)
        }
        func milliseconds(_ text: String) throws -> Double {
            let words = text.split(separator: " ")
            guard words.count >= 2, let value = Double(words[0]) else { throw TestFailure("not a time: \(text)") }
            return words[1] == "s" ? value * 1000 : value
        }
        let bytes = try field("bytes sent")
        guard let open = bytes.lastIndex(of: "("), let sent = UInt64(bytes[bytes.index(after: open)...].split(separator: " ")[0]),
              let iterations = Int(try field("iterations").split(separator: " ")[0])
        else { throw TestFailure("unreadable summary:\n\(output)") }
        return Summary(
            bytesSent: sent, iterations: iterations, downtime: try milliseconds(try field("downtime")),
            totalTime: try milliseconds(try field("total time")))
    }

    /// The classic lines of `log` as ISO lines (`2025-07-21T18:43:28.089797Z NAME MESSAGE`), one log per thread
    /// (ISO lines carry none), the date from glibc's `gmtime_r`.
    static func isoLogs(of log: String) -> [Int64: String] {
        var logs: [Int64: String] = [:]
        for line in log.split(separator: "\n") {
            guard let at = line.firstIndex(of: "@"), let tid = Int64(line[..<at]),
                  let colon = line[at...].firstIndex(of: ":") else { continue }
            let stamp = line[line.index(after: at)..<colon].split(separator: ".")
            guard stamp.count == 2, var seconds = time_t(stamp[0]) else { continue }
            var parts = tm()
            gmtime_r(&seconds, &parts)
            let date = String(
                format: "%04d-%02d-%02dT%02d:%02d:%02d.%@Z", parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday,
                parts.tm_hour, parts.tm_min, parts.tm_sec, String(stamp[1]))
            logs[tid, default: ""] += "\(date) \(line[line.index(after: colon)...])\n"
        }
        return logs
    }
}
