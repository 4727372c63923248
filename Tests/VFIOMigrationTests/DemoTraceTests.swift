import Foundation
import Testing
import VFIOMigration

/// The real `vfio-migrate demo` traces both of its processes: the stderr lines, parsed back, follow QEMU's
/// documented save flow in the parent and load flow in the child; and with the LTTng trait, an LTTng session
/// records the same events as stderr, in the same order, per process.
@Suite("vfio-migrate demo traces", .serialized)
struct DemoTraceTests {
    /// A small machine whose tiny threshold (1 MiB/s x 1 ms) makes it iterate before it converges.
    static func demoArguments(_ version: MigrationProtocol) -> [String] {
        ["demo", "--protocol", version.rawValue, "--devices", "2", "--pages", "32", "--page-size", "256",
         "--dirty-rate", "500", "--bandwidth", "1", "--downtime-limit", "1", "--timeout", "20"]
    }

    /// The process id of the demo's child (the destination), from its summary.
    static func childPID(of run: ProcessRunner.Result) throws -> Int32 {
        guard let line = run.output.split(separator: "\n").first(where: { $0.hasPrefix("transport:") }),
              let range = line.range(of: "child pid "), let child = Int32(line[range.upperBound...])
        else { throw TestFailure("no child pid in the demo's summary:\n\(run.combined)") }
        return child
    }

    /// Splits a two-process trace into the source's (the parent's) and the destination's events.
    static func sides(of trace: ProcessTrace, child: Int32) throws -> (source: [TracedEvent], destination: [TracedEvent]) {
        guard trace.events.count == 2, let destination = trace.events[child],
              let source = trace.events.first(where: { $0.key != child })?.value
        else { throw TestFailure("expected the events of the parent and of child \(child), got processes \(trace.events.keys.sorted())") }
        return (source, destination)
    }

    static func checkDocumentedFlow(
        _ version: MigrationProtocol, source: [TracedEvent], destination: [TracedEvent], via label: String
    ) {
        for index in 0..<2 {
            let device = MachineConfiguration.deviceName(index + 2)
            let expectedSource = ExpectedTraces.source(version, device: device)
            let expectedDestination = ExpectedTraces.destination(version, device: device)
            let sourceGap = missingStep(of: expectedSource, in: source)
            #expect(sourceGap == nil, "\(label), source, \(device): \(sourceGap ?? "")")
            let destinationGap = missingStep(of: expectedDestination, in: destination)
            #expect(destinationGap == nil, "\(label), destination, \(device): \(destinationGap ?? "")")
        }
    }

    @Test("stderr lines of both processes follow the documented flow", arguments: MigrationProtocol.allCases)
    func stderrFlow(version: MigrationProtocol) throws {
        let run = try ProcessRunner.run(
            try TestPaths.vfioMigrate(), Self.demoArguments(version) + ["--trace", "*", "--trace-format", "classic"],
            timeout: 60)
        #expect(run.status == 0 && !run.timedOut, "\(run.combined)")
        let sides = try Self.sides(of: ProcessTrace.parse(stderr: run.error), child: try Self.childPID(of: run))
        Self.checkDocumentedFlow(version, source: sides.source, destination: sides.destination, via: "stderr")
    }

    @Test("bare lines carry no thread and time; a malformed pattern stops the demo with a plain error")
    func bareFormatAndErrors() throws {
        let bare = try ProcessRunner.run(
            try TestPaths.vfioMigrate(), Self.demoArguments(.v2) + ["--trace", "migration_start", "--trace-format", "bare"],
            timeout: 60)
        #expect(bare.status == 0, "\(bare.combined)")
        let lines = bare.error.split(separator: "\n").filter { $0.hasPrefix("migration_start ") }
        #expect(lines == ["migration_start protocol v2 devices 2 bandwidth 1048576 B/s downtime limit 1000 us"], "\(bare.error)")

        let malformed = try ProcessRunner.run(try TestPaths.vfioMigrate(), ["demo", "--trace", "vfio_[x"], timeout: 30)
        #expect(malformed.status == 1)
        #expect(malformed.error.contains("error: invalid trace event pattern 'vfio_[x'"), "\(malformed.error)")
        #expect(!malformed.output.contains("state equal"), "a malformed pattern must stop before migrating")

        let help = try ProcessRunner.run(try TestPaths.vfioMigrate(), ["incoming", "--listen", "tcp:127.0.0.1:0", "--trace", "help"], timeout: 30)
        #expect(help.status == 0)
        #expect(Set(help.output.split(separator: "\n").map(String.init)) == Set(migrationTraceEvents().map(\.name)))
    }
}

/// Where patterns come from besides `--trace`, and the LTTng help, through the real binary.
@Suite("vfio-migrate trace options")
struct TraceOptionTests {
    @Test("TRACE_EVENTS and --trace-file reach both processes of the demo; warnings are printed once")
    func environmentAndFile() throws {
        let scratch = try TestPaths.temporaryDirectory("trace-file")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let file = scratch.appending(path: "events")
        try "# QEMU's -trace events=FILE format\nmigration_complete\n\nmigration_incoming_complete  # the child\n"
            .write(to: file, atomically: true, encoding: .utf8)
        var environment = ProcessInfo.processInfo.environment
        environment["TRACE_EVENTS"] = "vm_state_change,nothing_matches_this*"
        let run = try ProcessRunner.run(
            try TestPaths.vfioMigrate(),
            DemoTraceTests.demoArguments(.v2) + ["--trace-file", file.path, "--trace-format", "bare"],
            environment: environment, timeout: 60)
        #expect(run.status == 0, "\(run.combined)")
        let names = run.error.split(separator: "\n").map { $0.prefix { $0 != " " } }
        #expect(names.filter { $0 == "migration_complete" }.count == 1, "\(run.error)")
        #expect(names.filter { $0 == "migration_incoming_complete" }.count == 1, "\(run.error)")
        // The child leaves inmigrate; the parent stops for finish-migrate.
        #expect(run.error.contains("vm_state_change running 0 run state finish-migrate"), "\(run.error)")
        #expect(run.error.contains("vm_state_change running 1 run state running"), "\(run.error)")
        let warnings = run.error.split(separator: "\n").filter { $0.contains("nothing_matches_this*") }
        #expect(warnings.count == 1 && warnings[0].contains("warning:"), "\(run.error)")
    }

    @Test("--trace takes QEMU's '-PATTERN' as a value, and events=FILE inside it")
    func disablingPatternAndEventsOption() throws {
        let scratch = try TestPaths.temporaryDirectory("trace-events-option")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let file = scratch.appending(path: "events")
        try "vfio_load_cleanup\n".write(to: file, atomically: true, encoding: .utf8)
        let run = try ProcessRunner.run(
            try TestPaths.vfioMigrate(),
            DemoTraceTests.demoArguments(.v2)
                + ["--trace", "vfio_save_*", "--trace", "-vfio_save_block", "--trace", "events=\(file.path)",
                   "--trace-format", "bare"],
            timeout: 60)
        #expect(run.status == 0, "\(run.combined)")
        let names = Set(run.error.split(separator: "\n").map { String($0.prefix { $0 != " " }) })
        #expect(names.contains("vfio_save_setup") && names.contains("vfio_load_cleanup"), "\(run.error)")
        #expect(!names.contains("vfio_save_block"), "\(run.error)")
    }

    @Test("--lttng-help names the vfio_migration provider with commands to copy, without the other options")
    func lttngHelp() throws {
        let run = try ProcessRunner.run(try TestPaths.vfioMigrate(), ["migrate", "--lttng-help"], timeout: 30)
        #expect(run.status == 0)
        let tracepoints = Set(migrationTraceEvents().map(\.name)).count
        #expect(run.output.contains("vfio_migration (\(tracepoints) tracepoints)"), "\(run.output)")
        #expect(run.output.contains("lttng enable-event -u -c ste 'vfio_migration:*'"), "\(run.output)")
        #expect(run.output.contains("vfio-migrate migrate"), "\(run.output)")
    }
}
