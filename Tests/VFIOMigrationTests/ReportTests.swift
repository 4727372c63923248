import Foundation
import MigrationReport
import Testing
import VFIOMigration

/// `vfio-migrate report`'s breakdown of a real demo, read from its LTTng trace (libbabeltrace2) and from its stderr
/// log: both give the engine's own figures, and each other's.
@Suite("migration report", .serialized)
struct ReportTests {
    /// Timestamps are taken a few instructions away from the engine's own clock reads (and a first event pays
    /// for the backend's setup), so trace-derived durations match the engine's within this, in nanoseconds.
    static let clockSlack: Int64 = 1_000_000

    @Test("the breakdown equals the engine's summary, from LTTng and from stderr",
          .enabled(if: LTTngAvailability.testRuns, LTTngAvailability.skipComment), arguments: MigrationProtocol.allCases)
    func figuresMatchSummary(version: MigrationProtocol) throws {
        let demo = try RecordedDemo.recorded(version)
        for (label, timeline) in [("LTTng", demo.lttng), ("stderr", demo.stderr)] {
            #expect(timeline.outcome == .completed, "\(label)")
            #expect(timeline.protocolVersion == (version == .v1 ? 1 : 2), "\(label)")
            #expect(timeline.bytesSent == demo.summary.bytesSent, "\(label): bytes")
            #expect(timeline.iterations.count == demo.summary.iterations, "\(label): iterations")
            #expect(timeline.iterations.map(\.number) == Array(1...max(demo.summary.iterations, 1)).prefix(timeline.iterations.count).map { $0 })
            let engine = try #require(timeline.engineDowntime, "\(label): no migration_downtime")
            // The summary prints milliseconds with one decimal.
            #expect(abs(Double(engine) / 1e6 - demo.summary.downtime) <= 0.05 + 1e-9, "\(label): engine's downtime \(engine) ns vs summary \(demo.summary.downtime) ms")
            let downtime = try #require(timeline.downtime, "\(label): no downtime window")
            #expect(abs(downtime - engine) <= Self.clockSlack, "\(label): downtime from timestamps \(downtime) ns, engine \(engine) ns")
            #expect(abs(Double(timeline.totalTime) / 1e6 - demo.summary.totalTime) <= 0.05 + Double(Self.clockSlack) / 1e6,
                    "\(label): total \(timeline.totalTime) ns vs summary \(demo.summary.totalTime) ms")
            #expect(timeline.iterations.reduce(0) { $0 + $1.bytes } + timeline.finalBytes <= timeline.bytesSent)
            #expect(timeline.anomalies.isEmpty, "\(label): \(timeline.anomalies)")
            #expect(timeline.lanes.count == 4, "\(label): one lane per device per side")
            #expect(Set(timeline.phases.map(\.name)).isSuperset(of: ["setup", "iterate", "stop-and-copy", "device-config", "completed"]))
            #expect(timeline.destinationPhase("load") != nil, "\(label)")
        }
    }

    @Test("LTTng and stderr give the same breakdown of the same run",
          .enabled(if: LTTngAvailability.testRuns, LTTngAvailability.skipComment), arguments: MigrationProtocol.allCases)
    func lttngEqualsStderr(version: MigrationProtocol) throws {
        let demo = try RecordedDemo.recorded(version)
        let (lttng, stderr) = (demo.lttng, demo.stderr)
        #expect(lttng.bytesSent == stderr.bytesSent)
        #expect(lttng.finalBytes == stderr.finalBytes)
        #expect(lttng.iterations.map { [$0.number, Int($0.bytes), Int($0.pendingBefore)] }
                == stderr.iterations.map { [$0.number, Int($0.bytes), Int($0.pendingBefore)] })
        #expect(lttng.engineDowntime == stderr.engineDowntime)
        #expect(abs((lttng.downtime ?? 0) - (stderr.downtime ?? 0)) <= Self.clockSlack)
        #expect(lttng.phases.map(\.name) == stderr.phases.map(\.name))
        #expect(lttng.destinationPhases.map(\.name) == stderr.destinationPhases.map(\.name))
        #expect(lttng.lanes.map { "\($0.side) \($0.device): \($0.states.map(\.state))" }
                == stderr.lanes.map { "\($0.side) \($0.device): \($0.states.map(\.state))" })
        #expect(lttng.source.process == stderr.source.process, "LTTng's vpid is the stderr line's thread id of the main thread")
        // The text a user reads shows the same device states.
        let text = BreakdownText.render([lttng])
        #expect(text.contains("iteration 1: \(lttng.iterations.first?.bytes ?? 0) bytes"), "\(text)")
        let states = version == .v2 ? ["PRE_COPY", "STOP_COPY", "RESUMING"] : ["pre-copy", "stop-and-copy", "resuming"]
        for state in states { #expect(text.contains(state), "\(text)") }
    }

    @Test("ISO-timestamped logs, one per process, give the classic log's breakdown",
          .enabled(if: LTTngAvailability.testRuns, LTTngAvailability.skipComment))
    func isoLogs() throws {
        let demo = try RecordedDemo.recorded(.v2)
        let directory = try TestPaths.temporaryDirectory("report-iso")
        defer { try? FileManager.default.removeItem(at: directory) }
        var paths: [String] = []
        for (tid, log) in RecordedDemo.isoLogs(of: demo.run.error) {
            let url = directory.appending(path: "host-\(tid).log")
            try log.write(to: url, atomically: true, encoding: .utf8)
            paths.append(url.path)
        }
        let migration = try #require(try TraceRecording(paths: paths).migrations.first)
        #expect(migration.bytesSent == demo.stderr.bytesSent)
        #expect(migration.iterations.map(\.bytes) == demo.stderr.iterations.map(\.bytes))
        #expect(migration.downtime == demo.stderr.downtime, "microsecond stamps either way")
        #expect(migration.lanes.map { $0.states.map(\.state) } == demo.stderr.lanes.map { $0.states.map(\.state) })
        #expect(migration.source.host.hasPrefix("host-") && migration.destination?.host.hasPrefix("host-") == true)

        // Both processes' ISO lines in one log cannot be told apart: the report says so instead of mixing quietly.
        let mixed = directory.appending(path: "mixed.log")
        try RecordedDemo.isoLogs(of: demo.run.error).values.joined().write(to: mixed, atomically: true, encoding: .utf8)
        let together = try #require(try TraceRecording(paths: [mixed.path]).migrations.first)
        #expect(together.anomalies.contains { $0.text.hasPrefix("one log holds both the source and the destination") }, "\(together.anomalies)")
    }

    @Test("steps missing from QEMU's documented flow are anomalies",
          .enabled(if: LTTngAvailability.testRuns, LTTngAvailability.skipComment), arguments: MigrationProtocol.allCases)
    func missingSteps(version: MigrationProtocol) throws {
        let demo = try RecordedDemo.recorded(version)
        let device = "0000:00:03.0"
        // The log without the source's cleanup of one device and without its arcs into stop-and-copy.
        let arc = version == .v2 ? "sim_v2_device_arc  (\(device)) arc " : "sim_v1_device_state  (\(device)) device_state "
        let into = version == .v2 ? " -> STOP_COPY" : " -> 2"
        let all = demo.run.error.split(separator: "\n")
        let lines = all.filter { !$0.hasSuffix("vfio_save_cleanup  (\(device))") && !($0.contains(arc) && $0.hasSuffix(into)) }
        #expect(lines.count <= all.count - 2, "the lines were in the log")
        let events = StderrLogReader().events(in: lines.joined(separator: "\n"), host: "edited")
        let migration = try #require(MigrationAnalyzer.migrations(in: events).first { $0.source.process == demo.stderr.source.process })
        let texts = migration.anomalies.map(\.text)
        #expect(texts.contains("\(device) on the source has no vfio_save_cleanup"), "\(texts)")
        let state = version == .v2 ? "STOP_COPY" : "stop-and-copy"
        #expect(texts.contains { $0.hasPrefix("\(device) on the source never entered \(state)") }, "\(texts)")
        #expect(texts.count == 2, "nothing else is missing: \(texts)")
    }

    @Test("a source whose destination is not in the recording does not take another migration's destination",
          .enabled(if: LTTngAvailability.testRuns, LTTngAvailability.skipComment))
    func pairingOfOverlappingMigrations() throws {
        let (kept, lost) = (try RecordedDemo.recorded(.v1), try RecordedDemo.recorded(.v2))
        let keptEvents = StderrLogReader().events(in: kept.run.error, host: "h")
        var lostEvents = StderrLogReader().events(in: lost.run.error, host: "a")
            .filter { $0.origin.process != lost.stderr.destination?.process }
        // The lost migration starts just before the kept one, and its host sorts first: it is paired first.
        let keptStart = try #require(keptEvents.first { $0.name == "migration_start" }).time
        let lostStart = try #require(lostEvents.first { $0.name == "migration_start" }).time
        for index in lostEvents.indices { lostEvents[index].time += keptStart - 10_000_000 - lostStart }
        let address = { (events: [RecordedEvent]) in events.first { $0.name == "transport_connect" }?.string("address") }
        try #require(address(keptEvents) != address(lostEvents), "the two demos listened on different ports")

        let migrations = MigrationAnalyzer.migrations(in: keptEvents + lostEvents)
        #expect(migrations.count == 2)
        let lostMigration = try #require(migrations.first { $0.source.process == lost.stderr.source.process })
        let keptMigration = try #require(migrations.first { $0.source.process == kept.stderr.source.process })
        #expect(lostMigration.destination == nil, "\(String(describing: lostMigration.destination))")
        #expect(keptMigration.destination?.process == kept.stderr.destination?.process)
        #expect(keptMigration.bytesSent == kept.summary.bytesSent && keptMigration.anomalies.isEmpty, "\(keptMigration.anomalies)")
    }

    @Test("ISO logs that incoming and migrate write (--trace-format iso) give the engine's summary")
    func isoLogsOfTwoProcesses() async throws {
        let directory = try TestPaths.temporaryDirectory("report-iso-run")
        defer { try? FileManager.default.removeItem(at: directory) }
        let socket = directory.appending(path: "migration.sock").path
        let machine = ["--devices", "2", "--pages", "32", "--page-size", "256", "--dirty-rate", "500", "--timeout", "20"]
        let trace = ["--trace", "*", "--trace-format", "iso"]
        let program = try TestPaths.vfioMigrate()
        // Both processes are waited for on threads of their own, not on the test's cooperative pool: with two
        // cores, other tests' blocking waits could keep this test from resuming until incoming gave up.
        let incoming = StartedThread {
            try ProcessRunner.run(program, ["incoming", "--listen", "unix:\(socket)", "--accept-timeout", "120"] + machine + trace, timeout: 180)
        }
        let source = try await onThread {
            let deadline = Date().addingTimeInterval(120)
            while !FileManager.default.fileExists(atPath: socket) && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
            return try ProcessRunner.run(
                program, ["migrate", "--to", "unix:\(socket)", "--bandwidth", "1", "--downtime-limit", "1"] + machine + trace, timeout: 180)
        }
        let destination = try await incoming.value()
        #expect(source.status == 0 && destination.status == 0, "\(source.combined)\n\(destination.combined)")
        let sourceLog = directory.appending(path: "source.log"), destinationLog = directory.appending(path: "destination.log")
        try source.error.write(to: sourceLog, atomically: true, encoding: .utf8)
        try destination.error.write(to: destinationLog, atomically: true, encoding: .utf8)
        #expect(source.error.hasPrefix("20"), "ISO lines: \(source.error.prefix(200))")

        let migration = try #require(try TraceRecording(paths: [sourceLog.path, destinationLog.path]).migrations.first)
        let summary = try RecordedDemo.summary(of: source.output)
        #expect(migration.source.host == "source.log" && migration.destination?.host == "destination.log")
        #expect(migration.bytesSent == summary.bytesSent && migration.iterations.count == summary.iterations)
        let engine = try #require(migration.engineDowntime)
        #expect(abs(Double(engine) / 1e6 - summary.downtime) <= 0.05 + 1e-9)
        #expect(abs((migration.downtime ?? 0) - engine) <= Self.clockSlack)
        #expect(migration.anomalies.isEmpty, "\(migration.anomalies)")
        #expect(migration.lanes.map(\.side) == ["source", "source", "destination", "destination"])
    }

    @Test("an ISO line reads as its instant and fields")
    func isoLine() throws {
        let event = try #require(
            StderrLogReader().event(in: "2025-07-21T18:43:28.089797Z migration_iteration iteration 3 sent 0x10 total 0x2a", host: "h"))
        #expect(event.time == 1_753_123_408_089_797_000)
        #expect(event.name == "migration_iteration")
        #expect(event.fields == ["iteration": .unsigned(3), "bytes": .unsigned(16), "total_bytes": .unsigned(42)])
        #expect(StderrLogReader().event(in: "vfio-migrate demo: error: nothing", host: "h") == nil)
    }

    @Test("a path that is not a trace gets a plain error")
    func badInput() throws {
        let directory = try TestPaths.temporaryDirectory("report-empty")
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(throws: (any Error).self) { try TraceRecording(paths: [directory.path]) }
        let run = try ProcessRunner.run(try TestPaths.vfioMigrate(), ["report", directory.path, "/nonexistent"], timeout: 30)
        #expect(run.status == 1)
        #expect(run.error.hasPrefix("vfio-migrate report: error: "), "\(run.error)")
    }
}
