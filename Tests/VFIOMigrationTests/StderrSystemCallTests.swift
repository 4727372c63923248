import Foundation
import Testing
import TestSupport
import VFIOMigration

/// What the stderr backend asks of the kernel, seen by strace in the real `vfio-migrate demo` (both processes)
/// with its stderr on a pipe: one write(2) per trace line, carrying exactly that line, and no signal masking
/// around it (the backend ignores SIGPIPE at start-up instead, as QEMU does).
@Suite("stderr lines: system calls", .serialized)
struct StderrSystemCallTests {
    @Test func oneWritePerLineOnAPipeAndNoSignalMasking() throws {
        let strace = try #require(TestPaths.executable("strace"), "strace is missing (bash .ci/setup installs it)")
        let scratch = try TestPaths.temporaryDirectory("strace")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let log = scratch.appending(path: "strace.log").path
        // sh puts the demo's stderr on a pipe to cat, whose output the runner collects; -f follows the child.
        let demo = [try TestPaths.vfioMigrate().path] + DemoTraceTests.demoArguments(.v2)
            + ["--trace", "*", "--trace-format", "classic"]
        let command = ([strace.path, "-f", "-qq", "-s", "65536", "-e", "trace=write,writev,rt_sigprocmask", "-o", log]
            + demo).map { "'\($0)'" }.joined(separator: " ")
        let run = try ProcessRunner.run(
            URL(fileURLWithPath: "/bin/sh"), ["-c", "\(command) 2>&1 >/dev/null | cat >&2"], timeout: 120)
        #expect(run.status == 0 && !run.timedOut, "\(run.combined.suffix(2000))")

        let traceLine = try Regex(#"^\d+@\d+\.\d{6}:[a-z0-9_]+ "#)
        let lines = run.error.split(separator: "\n").filter { $0.firstMatch(of: traceLine) != nil }
        #expect(lines.count > 100, "the demo traced too little to count: \(lines.count) lines")

        let calls = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n")
        // `PID write(FD, "TID@SEC.USEC:name ...\n", LENGTH` (the result may follow on a "resumed" line).
        let traceWrite = try Regex(#"^\d+ +write\(\d+, "\d+@\d+\.\d{6}:[a-z0-9_]+ (.*)", \d+"#)
        var traceWrites = 0
        var writesOfOtherThanOneLine = 0
        for call in calls {
            guard let match = call.firstMatch(of: traceWrite) else { continue }
            traceWrites += 1
            let text = match.output[1].substring ?? ""
            // strace shows a newline as the two characters \n: one, at the very end.
            if !text.hasSuffix(#"\n"#) || text.dropLast(2).contains(#"\n"#) { writesOfOtherThanOneLine += 1 }
        }
        #expect(traceWrites == lines.count, "\(traceWrites) write(2) calls carried trace lines; \(lines.count) lines arrived")
        #expect(writesOfOtherThanOneLine == 0)
        let vectored = calls.filter { $0.contains("writev(") && $0.contains("@") && $0.contains(":vfio_") }
        #expect(vectored.isEmpty, "trace lines went out through writev: \(vectored.prefix(3))")
        let masking = calls.filter { $0.contains("rt_sigprocmask(") && $0.contains("[PIPE]") }
        #expect(masking.isEmpty, "SIGPIPE was masked around writes \(masking.count) times, e.g. \(masking.prefix(2))")
    }

    @Test func isoFormatThroughTheCommandLine() throws {
        let before = Date()
        let run = try ProcessRunner.run(
            try TestPaths.vfioMigrate(),
            DemoTraceTests.demoArguments(.v2) + ["--trace", "migration_start", "--trace-format", "iso"], timeout: 60)
        let after = Date()
        #expect(run.status == 0, "\(run.combined)")
        let lines = run.error.split(separator: "\n").filter { $0.contains(" migration_start ") }
        #expect(lines.count == 1, "\(run.error)")
        let line = try #require(lines.first)
        let shape = try Regex(#"^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?Z) migration_start protocol v2 devices 2 "#)
        let stamp = try #require(line.firstMatch(of: shape)?.output[1].substring, "not an iso line: \(line)")
        let parser = ISO8601DateFormatter()
        parser.formatOptions = stamp.contains(".") ? [.withInternetDateTime, .withFractionalSeconds] : [.withInternetDateTime]
        let time = try #require(parser.date(from: String(stamp)))
        // The demo's line falls between the two clock readings around the run (Foundation parses milliseconds).
        #expect(time.timeIntervalSince(before) > -0.001 && after.timeIntervalSince(time) > -0.001, "\(stamp)")
    }
}
