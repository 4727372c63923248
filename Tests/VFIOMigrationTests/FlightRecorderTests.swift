import Foundation
import MigrationReport
import Testing
import VFIOMigration

/// `--flight-recorder DIR`: an LTTng snapshot session runs beside the migration; a failure saves its buffers under
/// DIR, the error says where, and `vfio-migrate report DIR` shows the failing transition.
@Suite("flight recorder", .serialized)
struct FlightRecorderTests {
    @Test("a migration that fails in stop-and-copy leaves a snapshot whose report shows the failed transition",
          .enabled(if: LTTngAvailability.testRuns, LTTngAvailability.skipComment), arguments: MigrationProtocol.allCases)
    func failureLeavesSnapshot(version: MigrationProtocol) throws {
        try LTTngAvailability.require()
        let directory = try TestPaths.temporaryDirectory("flight")
        defer { try? FileManager.default.removeItem(at: directory) }
        let target = version == .v2 ? "STOP_COPY" : "stop-and-copy"
        let run = try ProcessRunner.run(
            try TestPaths.vfioMigrate(),
            DemoTraceTests.demoArguments(version) + ["--fail-transition", target, "--flight-recorder", directory.path],
            timeout: 90)
        #expect(run.status == 1, "the migration must fail: \(run.combined)")
        let marker = "flight recorder: the last seconds of trace (this process is pid "
        let line = try #require(run.error.split(separator: "\n").first { $0.contains(marker) }, "\(run.error)")
        #expect(line.contains("are saved in \(directory.path) (vfio-migrate report \(directory.path))"), "\(line)")
        let pid = try #require(Int64(line[line.range(of: marker)!.upperBound...].prefix { $0.isNumber }))

        // Other vfio-migrate processes may run meanwhile, and the snapshot holds theirs too: take this one's.
        let migration = try #require(
            try TraceRecording(paths: [directory.path]).migrations.first { $0.source.process == pid },
            "no migration of pid \(pid) in the snapshot")
        guard case .failed(let phase, let error) = migration.outcome else {
            Issue.record("expected a failed migration, got \(migration.outcome)")
            return
        }
        #expect(phase == "stop-and-copy")
        #expect(error.contains("0000:00:03.0"), "\(error)")
        #expect(migration.anomalies.contains { $0.text.hasPrefix("failed transition of 0000:00:03.0: request \(target) failed") },
                "\(migration.anomalies)")
        let failing = try #require(migration.lanes.first { $0.side == "source" && $0.device == "0000:00:03.0" })
        let states = failing.states.map(\.state)
        #expect(states.contains(version == .v2 ? "ERROR" : "error") && states.last == (version == .v2 ? "RUNNING" : "running"),
                "the failing device enters the error state and is recovered to running: \(states)")
        // The child registers with the session daemon as it starts, which a loaded machine can delay past its first
        // events; when its events are there, they show its side of the failure.
        if migration.destination != nil {
            #expect(migration.anomalies.contains { $0.text.hasPrefix("incoming migration failed") }, "\(migration.anomalies)")
        }

        let report = try ProcessRunner.run(try TestPaths.vfioMigrate(), ["report", directory.path], timeout: 60)
        #expect(report.status == 0, "\(report.combined)")
        #expect(report.output.contains("failed in stop-and-copy") && report.output.contains("failed transition of 0000:00:03.0"), "\(report.output)")

        let sessions = try ProcessRunner.run(tool: "lttng", ["list"], timeout: 30)
        #expect(!sessions.output.contains("vfio-migrate-flight-\(pid)"), "the snapshot session is destroyed")
    }

    @Test("a successful migration leaves no snapshot", .enabled(if: LTTngAvailability.testRuns, LTTngAvailability.skipComment))
    func successLeavesNothing() throws {
        try LTTngAvailability.require()
        let directory = try TestPaths.temporaryDirectory("flight-ok")
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try ProcessRunner.run(
            try TestPaths.vfioMigrate(), DemoTraceTests.demoArguments(.v2) + ["--flight-recorder", directory.path], timeout: 90)
        #expect(run.status == 0, "\(run.combined)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
        #expect(!run.error.contains("flight recorder"))
    }
}
