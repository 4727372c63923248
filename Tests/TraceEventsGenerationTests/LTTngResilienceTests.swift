import Foundation
import Testing
import TraceEventsGeneratorCore

/// A program built with LTTng keeps working when there is no session daemon and when the daemon dies
/// while it runs. Each case runs in a private mount namespace (`unshare -m`) whose empty
/// /var/run/lttng and /dev/shm hide the machine's session daemon, so the shared daemon is never touched.
@Suite(.serialized) struct LTTngResilienceTests {
    /// The fixture's events that have a tracepoint (all but `disable` ones), from its trace-events file.
    static func fixtureTracepointCount() throws -> Int {
        let path = FixturePackage.directory.appending(path: "trace-events").path
        return try TraceEventsLoader.load(path: path).file.events.filter { !$0.isDisabled }.count
    }

    static var canIsolate: Bool { getuid() == 0 && TestPaths.executable("unshare") != nil }

    /// Runs `script` with bash inside a private mount namespace in which no session daemon is reachable.
    static func runIsolated(_ script: String, environment: [String: String], timeout: TimeInterval = 90) throws -> ProcessRunner.Result {
        guard canIsolate else { throw TestFailure("needs root and unshare(1) to hide the session daemon in a private mount namespace") }
        let directory = try TestPaths.temporaryDirectory("lttng-isolated")
        defer { try? FileManager.default.removeItem(at: directory) }
        let prologue = """
            set -e
            mount -t tmpfs none /var/run/lttng 2>/dev/null || { mkdir -p /var/run/lttng && mount -t tmpfs none /var/run/lttng; }
            mount -t tmpfs none /dev/shm
            export LTTNG_HOME="$WORK" HOME="$WORK"

            """
        let file = directory.appending(path: "run.sh")
        try Data((prologue + script).utf8).write(to: file)
        var env = ProcessInfo.processInfo.environment
        env["WORK"] = directory.path
        for (key, value) in environment { env[key] = value }
        guard let unshare = TestPaths.executable("unshare"), let bash = TestPaths.executable("bash") else {
            throw TestFailure("unshare or bash is not on PATH")
        }
        return try ProcessRunner.run(unshare, ["-m", "--propagation", "private", bash.path, file.path], environment: env, timeout: timeout)
    }

    @Test(.enabled(if: LTTngAvailability.testsRun && canIsolate, LTTngAvailability.skipReason))
    func programRunsWithoutSessionDaemon() async throws {
        try LTTngAvailability.require()
        let program = try await FixturePackage.shared.executable(lttng: true)
        let start = ContinuousClock.now
        let result = try Self.runIsolated(#""$PROGRAM""#, environment: ["PROGRAM": program.path])
        #expect(result.status == 0, "\(result.combined)")
        #expect(result.output == "fired\n")
        #expect(result.error.isEmpty, "\(result.error)")
        // lttng-ust must not hold the program up waiting for a daemon that is not there.
        #expect(ContinuousClock.now - start < .seconds(10))
    }

    @Test(.enabled(if: LTTngAvailability.testsRun && canIsolate, LTTngAvailability.skipReason))
    func programSurvivesTheSessionDaemonDyingMidRun() async throws {
        try LTTngAvailability.require()
        let program = try await FixturePackage.shared.executable(lttng: true)
        // A private daemon (killed by the pid it wrote), a session recording the fixture, and the fixture
        // firing events for 2 s; the daemon is killed after 1 s.
        let script = """
            lttng-sessiond --daemonize --no-kernel
            lttng create ste-killed --output="$WORK/trace" >/dev/null
            lttng enable-event -u 'trace_fixture:*' >/dev/null
            lttng start >/dev/null
            "$PROGRAM" --repeat 2000 >"$WORK/out" 2>"$WORK/err" &
            app=$!
            sleep 1
            kill -9 "$(cat /var/run/lttng/lttng-sessiond.pid)"
            status=0
            wait "$app" || status=$?
            echo "status $status"
            cat "$WORK/out"
            cat "$WORK/err" >&2

            """
        let result = try Self.runIsolated(script, environment: ["PROGRAM": program.path])
        #expect(result.status == 0, "\(result.combined)")
        let lines = result.output.split(separator: "\n")
        #expect(lines.first == "status 0", "\(result.combined)")
        #expect(lines.dropFirst().first == "fired")
        #expect(lines.last?.hasPrefix("repeated ") == true)
        #expect(result.error.isEmpty, "\(result.error)")
    }

    @Test(.enabled(if: LTTngAvailability.testsRun, LTTngAvailability.skipReason))
    func lttngHelpNamesTheProvider() async throws {
        try LTTngAvailability.require()
        let program = try await FixturePackage.shared.executable(lttng: true)
        let result = try ProcessRunner.run(program, ["--lttng-help"], timeout: 30)
        #expect(result.status == 0)
        #expect(result.output.contains("  trace_fixture (\(try Self.fixtureTracepointCount()) tracepoints)\n"), "\(result.output)")
        #expect(result.output.contains("lttng enable-event -u -c ste 'trace_fixture:*'"))
        #expect(result.output.contains("--blocking-timeout=inf"))
        #expect(!result.output.contains("built without LTTng support"))
    }
}

/// `--lttng-help` of a program built without the trait tells how to rebuild it.
@Suite struct LTTngHelpWithoutTraitTests {
    @Test func helpSaysHowToRebuild() async throws {
        let program = try await FixturePackage.shared.executable(lttng: false)
        let result = try ProcessRunner.run(program, ["--lttng-help"], timeout: 30)
        #expect(result.status == 0)
        #expect(result.output.contains("  trace_fixture (\(try LTTngResilienceTests.fixtureTracepointCount()) tracepoints)\n"), "\(result.output)")
        #expect(result.output.contains("built without LTTng support"))
        #expect(result.output.contains("swift build --traits LTTng"))
    }
}
