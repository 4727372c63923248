import Foundation
import Testing
import VFIOMigration

/// `vfio-migrate demo --trace file=FILE`: QEMU's simpletrace.py, reading the root trace-events, decodes the parent's
/// FILE and the child's FILE.incoming into the same events, in the same order, as the stderr lines of the same
/// run, and they follow QEMU's documented save and load flows with the right argument values.
@Suite(.enabled(if: SimpleTraceOracle.testsRun, Comment(rawValue: SimpleTraceOracle.skipReason)))
struct SimpleTraceMigrationTests {
    /// A decoded record as the expected flows compare events: strings as text, integers in decimal (64-bit values
    /// above Int64.max read as the negative numbers they are sign-extended from; no event here carries a larger
    /// unsigned value that a step checks).
    static func tracedEvent(_ record: SimpleTraceOracle.Record) -> TracedEvent {
        TracedEvent(name: record.name, arguments: record.arguments.map { argument in
            switch argument.value {
            case .bytes: argument.value.description
            case .integer(let value): value > UInt64(Int64.max) ? String(Int64(bitPattern: value)) : String(value)
            }
        })
    }

    @Test("simple trace files of both processes decode to the documented flow", arguments: MigrationProtocol.allCases)
    func simpleTraceFlow(version: MigrationProtocol) throws {
        let directory = try TestPaths.temporaryDirectory("simple-migration")
        defer { try? FileManager.default.removeItem(at: directory) }
        let trace = directory.appending(path: "trace")
        let run = try ProcessRunner.run(
            try TestPaths.vfioMigrate(),
            DemoTraceTests.demoArguments(version) + ["--trace", "*", "--trace", "file=\(trace.path)", "--trace-format", "classic"],
            timeout: 60)
        #expect(run.status == 0 && !run.timedOut, "\(run.combined)")
        let child = try DemoTraceTests.childPID(of: run)
        let events = SharedData.packageRoot.appending(path: "trace-events")

        var simple = ProcessTrace()
        for file in [trace, directory.appending(path: "trace.incoming")] {
            let decoded = try SimpleTraceOracle.decode(events: events, trace: file)
            #expect(decoded.status == 0, "\(file.lastPathComponent): \(decoded.error)")
            let records = decoded.records
            #expect(records.count == decoded.lines.count, "unparsed lines in \(file.lastPathComponent)")
            #expect(!records.contains { $0.name == "Dropped_Event" })
            for record in records { simple.events[record.pid, default: []].append(Self.tracedEvent(record)) }
        }
        let sides = try DemoTraceTests.sides(of: simple, child: child)
        DemoTraceTests.checkDocumentedFlow(
            version, source: sides.source, destination: sides.destination, via: "simple")

        // Every event of the run, in the order stderr printed it.
        let stderr = try DemoTraceTests.sides(of: ProcessTrace.parse(stderr: run.error), child: child)
        #expect(sides.source.map(\.name) == stderr.source.map(\.name))
        #expect(sides.destination.map(\.name) == stderr.destination.map(\.name))
    }
}
