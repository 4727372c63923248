import Foundation
import Testing

/// `swift-tracetool doctor` reports each set-up rule a package breaks with its fix, and what LTTng on the
/// machine lacks: a session daemon, channels that keep events, the program's providers registered.
@Suite struct DoctorCommandTests {
    static var tool: URL { InitCommandTests.tool }

    static func doctor(_ arguments: [String]) throws -> ProcessRunner.Result {
        try ProcessRunner.run(tool, ["doctor"] + arguments, timeout: 300)
    }

    @Test func reportsEverySetUpProblemWithItsFix() async throws {
        try await MutableFixture.shared.run { copy in
            // The four traps the build stops at, an unused event and a misspelled call, all at once.
            try copy.edit("Package.swift") {
                $0.replacingOccurrences(of: "// swift-tools-version: 6.3;(experimentalCGen)\n", with: "// swift-tools-version: 6.3\n")
                    .replacingOccurrences(of: ".trait(name: \"LTTng\", description:", with: ".trait(name: \"Tracing\", description:")
                    .replacingOccurrences(of: "traits: [\"LTTng\"]", with: "traits: [\"Tracing\"]")
                    .replacingOccurrences(of: "package: \"swift-trace-events\"), \"TraceFixtureTracepoints\"]", with: "package: \"swift-trace-events\")]")
            }
            let header = "Sources/TraceFixtureTracepoints/include/TraceFixtureTracepoints.h"
            try copy.edit(header) { $0.replacingOccurrences(of: "#include \"TraceFixtureTracepoints_generated.h\"\n", with: "") }
            try copy.edit("trace-events") { $0 + "fixture_never_called(int value) \"value %d\"\n" }
            try copy.edit("Sources/TraceFixture/main.swift") {
                $0.replacingOccurrences(of: "trace_fixture_no_arguments()", with: "trace_fixture_no_argumnts()")
            }
            let manifest = copy.url("Package.swift").path
            let events = copy.url("trace-events").path
            let main = copy.url("Sources/TraceFixture/main.swift").path
            let manifestLines = try copy.read("Package.swift").components(separatedBy: "\n")
            let defineLine = try #require(manifestLines.firstIndex { $0.contains("\"STE_LTTNG\"") }) + 1
            let linkLine = try #require(manifestLines.firstIndex { $0.contains("\"lttng-ust\"") }) + 1
            let traitLine = try #require(manifestLines.firstIndex { $0.contains(".trait(name: \"Tracing\", description:") }) + 1
            let definitions = try copy.read("trace-events").components(separatedBy: "\n")
            let unusedLine = try #require(definitions.firstIndex { $0.hasPrefix("fixture_never_called(") }) + 1
            let definedLine = try #require(definitions.firstIndex { $0.hasPrefix("fixture_no_arguments(") }) + 1
            let callLine = try #require(try copy.read("Sources/TraceFixture/main.swift").components(separatedBy: "\n")
                .firstIndex { $0.hasPrefix("trace_fixture_no_argumnts()") }) + 1

            let result = try Self.doctor(["--package-path", copy.directory.path])
            #expect(result.status == 1, "\(result.combined)")
            for expected in [
                "\(manifest):1:1: error: ",
                "fix: change line 1 to: // swift-tools-version: 6.3;(experimentalCGen)",
                "\(manifest):\(defineLine):1: warning: ",
                "fix: change line \(defineLine) to: cSettings: [.define(\"STE_LTTNG\", .when(traits: [\"LTTng\"])), "
                    + ".define(\"STE_USDT\", .when(traits: [\"USDT\"]))], "
                    + "(and rename the trait on line \(traitLine): .trait(name: \"LTTng\"))",
                "\(manifest):\(linkLine):1: warning: ",
                "\(copy.url(header).path):",
                "fix: add the line: #include \"TraceFixtureTracepoints_generated.h\"",
                "fix: add \"TraceFixtureTracepoints\" to the dependencies of target 'TraceFixture'",
                "\(events):\(unusedLine):1: warning: event 'fixture_never_called' is defined but trace_fixture_never_called is never called",
                "\(main):\(callLine):1: error: call of undefined trace event 'trace_fixture_no_argumnts'; "
                    + "did you mean 'trace_fixture_no_arguments' (defined at \(events):\(definedLine):1)?",
            ] {
                #expect(result.output.contains(expected), "doctor did not report: \(expected)\n\(result.output)")
            }
        }
    }

    @Test func saysHowToStartWhenNoTargetAppliesThePlugin() async throws {
        let root = try TestPaths.temporaryDirectory("doctor-plain")
        defer { try? FileManager.default.removeItem(at: root) }
        try InitCommandTests.write(
            "// swift-tools-version: 6.3;(experimentalCGen)\nimport PackageDescription\n\nlet package = Package(name: \"Plain\", targets: [.executableTarget(name: \"Plain\")])\n",
            to: root.appending(path: "Package.swift"))
        try InitCommandTests.write("print(\"plain\")\n", to: root.appending(path: "Sources/Plain/main.swift"))
        let result = try Self.doctor(["--package-path", root.path])
        #expect(result.status == 1, "\(result.combined)")
        #expect(result.output.contains("problem: no target applies TraceEventsPlugin\n  fix: run `swift-tracetool init --target NAME` to set one up"),
            "\(result.output)")
    }

    /// One session daemon of the test's own, in a private mount namespace (the machine's is never touched):
    /// doctor without it, with sessions whose channels are too small or have discarded events, and with a
    /// program that exits at once, one started by a shell, one that keeps running, and one built without LTTng.
    @Test(.enabled(if: LTTngAvailability.testsRun && LTTngResilienceTests.canIsolate, LTTngAvailability.skipReason))
    func checksLTTngAtRunTime() async throws {
        try LTTngAvailability.require()
        let program = try await FixturePackage.shared.executable(lttng: true)
        let plain = try await FixturePackage.shared.executable(lttng: false)
        let script = """
            doctor() { status=0; "$TOOL" doctor --package-path "$FIXTURE" "$@" || status=$?; echo "status $status"; }
            echo "== no daemon"; doctor
            lttng-sessiond --daemonize --no-kernel
            daemon=$(cat /var/run/lttng/lttng-sessiond.pid)
            echo "== no session"; doctor
            lttng create ste-doctor-small --output="$WORK/small" >/dev/null
            lttng enable-channel -u -s ste-doctor-small --subbuf-size=4096 --num-subbuf=2 small >/dev/null
            lttng create ste-doctor-roomy --output="$WORK/roomy" >/dev/null
            lttng enable-channel -u -s ste-doctor-roomy --subbuf-size=1M --num-subbuf=4 roomy >/dev/null
            lttng create ste-doctor-lossy --output="$WORK/lossy" >/dev/null
            lttng enable-channel -u -s ste-doctor-lossy --subbuf-size=4096 --num-subbuf=2 tiny >/dev/null
            lttng enable-event -u -s ste-doctor-lossy -c tiny 'trace_fixture:*' >/dev/null
            lttng start ste-doctor-lossy >/dev/null
            # Once the program has registered (its buffers exist), our daemon's consumer is stopped for a second:
            # nothing drains the 2 x 4 KiB per CPU, so most of that second's events are discarded.
            "$PROGRAM" --repeat 2500 >/dev/null &
            app=$!
            for attempt in $(seq 100); do lttng list -u | grep -q "PID: $app " && break; sleep 0.1; done
            consumer=$(pgrep -P "$daemon" -x lttng-consumerd)
            kill -STOP $consumer
            sleep 1
            kill -CONT $consumer
            wait $app
            lttng stop ste-doctor-lossy >/dev/null
            echo "== channels"; doctor
            for name in small roomy lossy; do lttng destroy "ste-doctor-$name" >/dev/null; done
            printf 'session=users-own\\n' >"$WORK/.lttngrc"
            echo "== exits at once"; doctor -- "$PROGRAM"
            # Started by a shell, the traced process is not the one doctor watches in `lttng list -u`: only the
            # metadata of doctor's session can show that it registered.
            echo "== through a wrapper"; doctor -- /bin/sh -c "\"$PROGRAM\" >/dev/null; exit 0"
            start=$(date +%s)
            echo "== keeps running"; doctor --wait 30 -- "$PROGRAM" --repeat 60000
            echo "seconds $(( $(date +%s) - start ))"
            ps -eo args | grep -F -x -- "$PROGRAM --repeat 60000" || true
            echo "== without LTTng"; doctor --wait 30 -- "$PLAIN" --repeat 500
            echo "== left"
            cat "$WORK/.lttngrc"
            lttng list | grep -c swift-tracetool-doctor || true
            kill "$daemon"

            """
        let result = try LTTngResilienceTests.runIsolated(script, environment: [
            "TOOL": Self.tool.path, "FIXTURE": FixturePackage.directory.path, "PROGRAM": program.path, "PLAIN": plain.path,
        ], timeout: 300)
        #expect(result.status == 0, "\(result.combined)")
        let sections = Self.sections(of: result.output)
        let all = result.combined

        let none = sections["no daemon"] ?? ""
        #expect(none.contains("problem: no lttng-sessiond answers (`lttng list`: Error: No session daemon is available)"), "\(all)")
        #expect(none.hasSuffix("status 1"), "\(all)")

        let healthy = sections["no session"] ?? ""
        #expect(healthy.contains("ok: Package.swift: 2 targets apply TraceEventsPlugin (TraceFixtureTracepoints, TraceFixture)"), "\(all)")
        #expect(healthy.contains("ok: lttng-sessiond is running\nok: no recording session yet"), "\(all)")
        #expect(healthy.hasSuffix("no problems found\nstatus 0"), "\(all)")

        let channels = sections["channels"] ?? ""
        #expect(channels.contains("problem: session 'ste-doctor-small', channel 'small' has 2 sub-buffers of 4 KiB per CPU: bursts of events will be discarded"), "\(all)")
        #expect(channels.contains("ok: session 'ste-doctor-roomy', channel 'roomy': discard mode, 4 × 1024 KiB, nothing discarded"), "\(all)")
        let discarded = channels.firstMatch(of: /problem: session 'ste-doctor-lossy', channel 'tiny' has discarded ([0-9]+) events/)
        #expect((discarded.flatMap { Int($0.1) } ?? 0) > 0, "\(all)")
        #expect(channels.hasSuffix("2 problems to fix\nstatus 1"), "\(all)")

        #expect((sections["exits at once"] ?? "").contains("ok: \(program.path) registered LTTng provider 'trace_fixture' (it exited with status 0)"), "\(all)")
        #expect((sections["through a wrapper"] ?? "").contains("ok: /bin/sh registered LTTng provider 'trace_fixture' (it exited with status 0)"), "\(all)")
        let running = sections["keeps running"] ?? ""
        #expect(running.contains("ok: \(program.path) registered LTTng provider 'trace_fixture' (still running; doctor stopped it)"), "\(all)")
        let seconds = running.firstMatch(of: /seconds ([0-9]+)/).flatMap { Int($0.1) } ?? .max
        #expect(seconds < 30, "doctor waited the whole --wait for a provider it could see: \(all)")
        #expect(!running.contains("\(program.path) --repeat 60000"), "doctor left the program running: \(all)")
        let unregistered = sections["without LTTng"] ?? ""
        #expect(unregistered.contains("problem: \(plain.path) registered no LTTng provider 'trace_fixture' (it exited with status 0)\n"
            + "  fix: build it with the trait: swift build --traits LTTng"), "\(all)")
        // doctor's own sessions are gone, and the user's current session is still theirs.
        #expect(sections["left"] == "session=users-own\n0", "\(all)")
    }

    /// The script's output split at its `== NAME` lines, each text without its last newline.
    static func sections(of output: String) -> [String: String] {
        var result: [String: String] = [:]
        var name: String?
        var lines: [String] = []
        func flush() { if let name { result[name] = lines.joined(separator: "\n") } }
        for line in output.components(separatedBy: "\n").dropLast() {
            if line.hasPrefix("== ") {
                flush()
                name = String(line.dropFirst(3))
                lines = []
            } else {
                lines.append(line)
            }
        }
        flush()
        return result
    }
}
