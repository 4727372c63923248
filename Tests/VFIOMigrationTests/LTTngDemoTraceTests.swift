import Foundation
import Testing
import VFIOMigration

/// `vfio-migrate demo` recorded by a real LTTng session: the vfio_migration provider's events follow QEMU's
/// documented flow in each process, and match the stderr backend's lines event for event, argument values included.
@Suite("vfio-migrate demo recorded with LTTng", .serialized)
struct LTTngDemoTraceTests {
    /// The provider the root trace-events file generates (see `vfio-migrate --lttng-help`).
    static let provider = "vfio_migration"

    @Test(
        "LTTng and stderr see the same events per process, in the documented order",
        .enabled(if: LTTngAvailability.testRuns, LTTngAvailability.skipComment),
        arguments: MigrationProtocol.allCases)
    func lttngMatchesStderr(version: MigrationProtocol) throws {
        try LTTngAvailability.require()
        let session = try LTTngSession.start(provider: Self.provider, subbufferSize: "4M", subbufferCount: 8, contexts: ["vpid"])
        let run: ProcessRunner.Result
        let recorded: String
        do {
            run = try ProcessRunner.run(
                try TestPaths.vfioMigrate(),
                DemoTraceTests.demoArguments(version) + ["--trace", "*", "--trace-format", "classic"],
                timeout: 60)
            recorded = try session.stopAndRead()
            session.destroy()
        } catch {
            session.destroy()
            throw error
        }
        #expect(run.status == 0 && !run.timedOut, "\(run.combined)")
        let child = try DemoTraceTests.childPID(of: run)
        let stderrTrace = ProcessTrace.parse(stderr: run.error)
        let stderr = try DemoTraceTests.sides(of: stderrTrace, child: child)
        // The session records every vfio-migrate on the machine (other tests run some at the same time): keep
        // this run's two processes, the parent being the other process of the stderr lines.
        let all = ProcessTrace.parse(babeltrace: recorded, provider: Self.provider)
        let mine = ProcessTrace(events: all.events.filter { stderrTrace.events.keys.contains($0.key) })
        let lttng = try DemoTraceTests.sides(of: mine, child: child)

        DemoTraceTests.checkDocumentedFlow(
            version, source: lttng.source, destination: lttng.destination, via: "LTTng")
        // Names and argument values, event for event (stderr's recovered through each event's format).
        for (side, lttngEvents, stderrEvents) in [("source", lttng.source, stderr.source), ("destination", lttng.destination, stderr.destination)] {
            #expect(lttngEvents.count == stderrEvents.count, "\(side): \(lttngEvents.count) LTTng events, \(stderrEvents.count) stderr lines")
            let firstDifference = zip(lttngEvents, stderrEvents).first { $0 != $1 }
            #expect(firstDifference == nil, "\(side): LTTng \(firstDifference.map { "\($0.0)" } ?? "") but stderr \(firstDifference.map { "\($0.1)" } ?? "")")
        }
        #expect(!lttng.source.isEmpty && !lttng.destination.isEmpty)
    }
}
