import Foundation
import Glibc
import Testing
import TestSupport
@testable import TraceEvents
import TraceEventsTestEvents

extension BackendTests {
/// The simple backend's files, decoded by QEMU's own simpletrace.py. Inside BackendTests, which is serialized:
/// these tests install process-wide backends too, and a record of another test's event would not decode.
@Suite(.enabled(if: SimpleTraceOracle.testsRun, Comment(rawValue: SimpleTraceOracle.skipReason)))
struct SimpleTraceBackendTests {
    /// The file that declares these tests' `st_kinds_*` events, which simpletrace.py reads the types from.
    static let eventsFile = TestEvents.file

    /// A scratch directory for the traces.
    static func scratch() throws -> URL { try TestPaths.temporaryDirectory("simple-trace") }

    static let longText = String(repeating: "0123456789", count: 60)

    /// Fires `st_kinds_all` with one argument of each kind, a NULL string and a string over the 512 bytes kept.
    static func fireAll() {
        trace_st_kinds_all("héllo", nil, -5, .max, UnsafeRawPointer(bitPattern: 0xdead_beef), true, longText)
    }

    static func expectedAll(pid: Int32) -> SimpleTraceOracle.Record {
        SimpleTraceOracle.Record(name: "st_kinds_all", pid: pid, arguments: [
            ("text", .bytes(Array("héllo".utf8))), ("missing", .bytes([])),
            ("negative", .integer(UInt64(bitPattern: -5))), ("big", .integer(.max)), ("opaque", .integer(0xdead_beef)),
            ("flag", .integer(1)), ("long_text", .bytes(Array(longText.utf8.prefix(512)))),
        ])
    }

    /// Runs `body` with the simple backend installed, the events on, and returns the flushed backend.
    static func record(to path: URL, bufferSize: Int = 1 << 20, _ body: () -> Void) throws -> SimpleTraceBackend {
        let backend = try SimpleTraceBackend(path: path.path, bufferSize: bufferSize)
        TestEvents.firing("st_kinds_*", to: [backend]) {
            body()
            TraceEvents.flush()
        }
        return backend
    }

    @Test func everyArgumentKindDecodesAsQEMUReadsIt() throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let trace = directory.appending(path: "trace")
        let backend = try Self.record(to: trace) {
            trace_st_kinds_none()
            Self.fireAll()
            trace_st_kinds_short("x")
            trace_st_kinds_none()
        }
        #expect(backend.droppedEventCount == 0)
        #expect(backend.lastWriteError == 0)
        let decoded = try SimpleTraceOracle.decode(events: Self.eventsFile, trace: trace)
        #expect(decoded.status == 0, "\(decoded.error)")
        let pid = getpid()
        let none = SimpleTraceOracle.Record(name: "st_kinds_none", pid: pid, arguments: [])
        #expect(decoded.records == [
            none, Self.expectedAll(pid: pid),
            SimpleTraceOracle.Record(name: "st_kinds_short", pid: pid, arguments: [("s", .bytes([UInt8(ascii: "x")]))]),
            none,
        ], "\(decoded.lines.joined(separator: "\n"))")
        // Nothing but whole records: header, three mapping records, four events.
        let size = try FileManager.default.attributesOfItem(atPath: trace.path)[.size] as? Int
        #expect(size == backend.fileSize)
    }

    @Test func aTraceCutInsideItsLastRecordDecodesUpToThePreviousOne() throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let trace = directory.appending(path: "trace")
        _ = try Self.record(to: trace) {
            Self.fireAll()
            trace_st_kinds_short("x")
            trace_st_kinds_short("last")
        }
        let full = try Data(contentsOf: trace)
        let lastRecordSize = 32 + 4 + 4
        let start = full.count - lastRecordSize
        var cuts: [URL] = []
        for offset in start..<full.count {
            let cut = directory.appending(path: "cut-\(offset)")
            try full.prefix(offset).write(to: cut)
            cuts.append(cut)
        }
        let whole = try SimpleTraceOracle.decode(events: Self.eventsFile, trace: trace)
        #expect(whole.records.count == 3)
        #expect(whole.records.last?.arguments.first?.value == .bytes(Array("last".utf8)))
        let previous = Array(whole.lines.dropLast())
        for (offset, decoded) in zip(start..., try SimpleTraceOracle.decode(events: Self.eventsFile, traces: cuts)) {
            // Every earlier record decodes. simpletrace.py slices a string past the end of the file without
            // complaint, so a cut inside the last string's bytes shows that record with the bytes that are there.
            #expect(Array(decoded.lines.prefix(previous.count)) == previous, "cut at byte \(offset) of \(full.count)")
            let rest = decoded.records.dropFirst(previous.count)
            let partial = rest.allSatisfy { record in
                guard record.name == "st_kinds_short", case .bytes(let bytes)? = record.arguments.first?.value
                else { return false }
                return Array("last".utf8).starts(with: bytes)
            }
            #expect(rest.count <= 1 && partial, "cut at byte \(offset): \(decoded.lines.dropFirst(previous.count))")
            #expect(decoded.lines.count == decoded.records.count)
        }
    }

    @Test func aBurstLargerThanTheBufferIsCountedInDroppedRecords() throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let trace = directory.appending(path: "trace")
        let fired = 20_000
        // 4 KiB holds seven of these records: the writer cannot swap buffers as fast as a loop fills them.
        let backend = try Self.record(to: trace, bufferSize: 4096) {
            for _ in 0..<fired { trace_st_kinds_short(Self.longText) }
        }
        let decoded = try SimpleTraceOracle.decode(events: Self.eventsFile, trace: trace)
        #expect(decoded.status == 0, "\(decoded.error)")
        let records = decoded.records
        let kept = records.filter { $0.name == "st_kinds_short" }.count
        let droppedRecords = records.filter { $0.name == "Dropped_Event" || $0.name == "dropped" }
        let dropped = droppedRecords.reduce(0) { total, record in
            guard case .integer(let count) = record.arguments.first?.value else { return total }
            return total + Int(count)
        }
        #expect(backend.droppedEventCount > 0)
        #expect(dropped == backend.droppedEventCount, "\(droppedRecords)")
        #expect(kept + dropped == fired)
        #expect(records.count == kept + droppedRecords.count)
    }

    @Test func aSimpleOnlyRunRendersNoMessage() throws {
        // The simple format has no message: when no installed backend reads it, the generated function renders
        // none (the witness, which reads nothing, sees an empty message); beside the stderr backend the message
        // is rendered, and the simple file is the same either way.
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let simpleOnly = directory.appending(path: "simple-only")
        let alone = CapturingBackend(eventPrefix: "st_kinds_", needsArguments: false, needsMessage: false)
        TestEvents.firing("st_kinds_*", to: [try SimpleTraceBackend(path: simpleOnly.path), alone]) {
            trace_st_kinds_short("alone")
            TraceEvents.flush()
        }
        #expect(alone.records.map(\.message.text) == [""], "no installed backend reads the message: none rendered")
        let decoded = try SimpleTraceOracle.decode(events: Self.eventsFile, trace: simpleOnly)
        #expect(decoded.records.map(\.description) == ["st_kinds_short pid=\(getpid()) s=alone"])

        var ends: [Int32] = [0, 0]
        try #require(pipe(&ends) == 0)
        defer { close(ends[0]) }
        let both = directory.appending(path: "with-stderr")
        let beside = CapturingBackend(eventPrefix: "st_kinds_", needsArguments: false, needsMessage: false)
        let stderr = StderrTraceBackend(lineFormat: .bare, fileDescriptor: ends[1])
        TestEvents.firing("st_kinds_*", to: [try SimpleTraceBackend(path: both.path), stderr, beside]) {
            trace_st_kinds_short("beside")
            TraceEvents.flush()
        }
        close(ends[1])
        #expect(beside.records.map(\.message.text) == ["beside"], "the stderr backend reads the message: rendered")
        var line = [UInt8](repeating: 0, count: 64)
        let count = read(ends[0], &line, line.count)
        #expect(String(decoding: line.prefix(max(count, 0)), as: UTF8.self) == "st_kinds_short beside\n")
        let decodedBoth = try SimpleTraceOracle.decode(events: Self.eventsFile, trace: both)
        #expect(decodedBoth.records.map(\.description) == ["st_kinds_short pid=\(getpid()) s=beside"])
    }

    @Test func bootstrapOpensTheFileThatTraceFileNames() throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let trace = directory.appending(path: "from-option")
        var configuration = TraceEventsConfiguration()
        configuration.standardErrorLineFormat = nil
        configuration.simpleTraceFile = directory.appending(path: "overridden").path
        configuration.patterns = ["st_kinds_short,file=\(trace.path)"]
        let report = TraceEvents.bootstrap(configuration)
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics)")
        let installed = TraceEvents.backends.compactMap { $0 as? SimpleTraceBackend }
        #expect(installed.map(\.path) == [trace.path])
        trace_st_kinds_short("booted")
        TraceEvents.flush()
        TraceEvents.disable("st_kinds_*")
        TraceEvents.backends = []
        #expect(!FileManager.default.fileExists(atPath: directory.appending(path: "overridden").path))
        let decoded = try SimpleTraceOracle.decode(events: Self.eventsFile, trace: trace)
        #expect(decoded.records.map(\.description) == ["st_kinds_short pid=\(getpid()) s=booted"])

        configuration.patterns = ["file=\(directory.path)/missing/trace"]
        let failed = TraceEvents.bootstrap(configuration)
        #expect(failed.diagnostics.map(\.description) == [
            "error: cannot open simple trace file \(directory.path)/missing/trace: No such file or directory",
        ])
        #expect(TraceEvents.backends.isEmpty)
    }
}
}
