import Foundation
import Testing

/// The fixture program's generated functions with `--trace file=FILE`: QEMU's simpletrace.py, reading the fixture's
/// trace-events, prints every event with its exact argument values; a full disk leaves the program running and the
/// file decodable.
@Suite(.serialized, .enabled(if: SimpleTraceOracle.testsRun, Comment(rawValue: SimpleTraceOracle.skipReason)))
struct SimpleTraceFixtureTests {
    static let eventsFile = FixturePackage.directory.appending(path: "trace-events")

    static func signed(_ value: some BinaryInteger) -> SimpleTraceOracle.Record.Value {
        .integer(UInt64(bitPattern: Int64(value)))
    }

    static func unsigned(_ value: some BinaryInteger) -> SimpleTraceOracle.Record.Value { .integer(UInt64(value)) }

    static func text(_ value: String) -> SimpleTraceOracle.Record.Value { .bytes(Array(value.utf8)) }

    /// What main.swift fires, as the format stores it: strings as bytes (NULL as none), integers as 64 bits.
    static func expected(pid: Int32) -> [SimpleTraceOracle.Record] {
        func record(_ name: String, _ arguments: [(String, SimpleTraceOracle.Record.Value)]) -> SimpleTraceOracle.Record {
            SimpleTraceOracle.Record(name: name, pid: pid, arguments: arguments.map { (name: $0.0, value: $0.1) })
        }
        func cTypes(max: Bool) -> [(String, SimpleTraceOracle.Record.Value)] {
            func pick<T: FixedWidthInteger>(_: T.Type) -> T { max ? T.max : T.min }
            return [
                ("c", signed(pick(CChar.self))), ("sc", signed(pick(Int8.self))), ("s", signed(pick(Int16.self))),
                ("l", signed(pick(Int.self))), ("ul", unsigned(pick(UInt.self))), ("ll", signed(pick(Int64.self))),
                ("ull", unsigned(pick(UInt64.self))), ("sz", unsigned(pick(UInt.self))), ("ssz", signed(pick(Int.self))),
            ]
        }
        return [
            record("fixture_strings", [("text", text("hello")), ("empty", text("")), ("missing", text("")),
                                       ("accented", text("Grüße, 世界"))]),
            record("fixture_signed", [("i8", signed(Int8.min)), ("i16", signed(Int16.min)), ("i32", signed(Int32.min)),
                                      ("i64", signed(Int64.min))]),
            record("fixture_signed", [("i8", signed(Int8.max)), ("i16", signed(Int16.max)), ("i32", signed(Int32.max)),
                                      ("i64", signed(Int64.max))]),
            record("fixture_unsigned", [("u8", .integer(0)), ("u16", .integer(0)), ("u32", .integer(0)), ("u64", .integer(0))]),
            record("fixture_unsigned", [("u8", unsigned(UInt8.max)), ("u16", unsigned(UInt16.max)),
                                        ("u32", unsigned(UInt32.max)), ("u64", unsigned(UInt64.max))]),
            record("fixture_c_types", cTypes(max: false)),
            record("fixture_c_types", cTypes(max: true)),
            record("fixture_pointer_bool", [("opaque", .integer(0xdead_beef)), ("null_pointer", .integer(0)),
                                            ("yes", .integer(1)), ("no", .integer(0))]),
            record("fixture_keywords", [("type", signed(-1)), ("in", .integer(2)), ("self", .integer(3)), ("func", signed(4))]),
            record("fixture_no_arguments", []),
            record("fixture_no_format", [("value", .integer(42))]),
        ]
    }

    /// The fixture's process id, from its records (the program prints none).
    static func pid(of records: [SimpleTraceOracle.Record]) -> Int32 { records.first?.pid ?? -1 }

    @Test func everyFiredEventDecodesWithItsArguments() async throws {
        let executable = try await FixturePackage.shared.executable(lttng: false)
        let directory = try TestPaths.temporaryDirectory("simple-fixture")
        defer { try? FileManager.default.removeItem(at: directory) }
        let trace = directory.appending(path: "trace")
        let run = try ProcessRunner.run(executable, ["--trace", "fixture_*", "--trace", "file=\(trace.path)"], timeout: 60)
        #expect(run.status == 0 && run.output == "fired\n", "\(run.combined)")
        let decoded = try SimpleTraceOracle.decode(events: Self.eventsFile, trace: trace)
        #expect(decoded.status == 0, "\(decoded.error)")
        let records = decoded.records
        #expect(records.count == decoded.lines.count)
        #expect(records == Self.expected(pid: Self.pid(of: records)), "\(decoded.lines.joined(separator: "\n"))")
    }

    @Test(.enabled(if: getuid() == 0 || SimpleTraceOracle.isCI, "mounting a small tmpfs needs root"))
    func aFullDiskKeepsTheProgramRunningAndTheFileDecodable() async throws {
        let executable = try await FixturePackage.shared.executable(lttng: false)
        let mountPoint = try TestPaths.temporaryDirectory("simple-full-disk")
        defer { try? FileManager.default.removeItem(at: mountPoint) }
        let mount = try ProcessRunner.run(tool: "mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", mountPoint.path], timeout: 30)
        try #require(mount.status == 0, "mount failed: \(mount.combined)")
        defer { _ = try? ProcessRunner.run(tool: "umount", [mountPoint.path], timeout: 30) }
        // Leave one page: the header and the first events fit, then writes fail with ENOSPC.
        let filler = mountPoint.appending(path: "filler")
        try Data(count: 60 * 1024).write(to: filler)
        let trace = mountPoint.appending(path: "trace")

        let running = Task.detached {
            try ProcessRunner.run(
                executable, ["--trace", "fixture_*", "--trace", "file=\(trace.path)", "--repeat", "1500"], timeout: 60)
        }
        try await Task.sleep(for: .milliseconds(700))
        // Room again: writing resumes, and a dropped record says how many events the full disk cost.
        try FileManager.default.removeItem(at: filler)
        let run = try await running.value
        #expect(run.status == 0, "\(run.combined)")
        let repeated = run.output.split(separator: "\n").last.flatMap { $0.split(separator: " ").last }.flatMap { Int($0) }
        let fired = try #require(repeated, "\(run.output)") * 2 + Self.expected(pid: 0).count

        let decoded = try SimpleTraceOracle.decode(events: Self.eventsFile, trace: trace)
        #expect(decoded.status == 0, "the trace does not decode: \(decoded.error)")
        let records = decoded.records
        #expect(records.count == decoded.lines.count)
        // Whatever survived is whole and right: the events main.swift fires, and its repeated pair.
        let pid = Self.pid(of: records)
        let valid = Self.expected(pid: pid) + [
            SimpleTraceOracle.Record(name: "fixture_strings", pid: pid, arguments: [
                ("text", Self.text("repeat")), ("empty", Self.text("")), ("missing", Self.text("")), ("accented", Self.text("")),
            ]),
        ]
        let wrong = records.filter { record in
            record.name != "Dropped_Event" && record.name != "fixture_no_format" && !valid.contains(record)
        }
        #expect(wrong.isEmpty, "\(wrong)")
        let drops = records.filter { $0.name == "Dropped_Event" }
        #expect(!drops.isEmpty, "no dropped record after the disk had room again")
        let dropped = drops.reduce(0) { total, record in
            guard case .integer(let count)? = record.arguments.first?.value else { return total }
            return total + Int(count)
        }
        let kept = records.count - drops.count
        #expect(kept > 11 && kept + dropped <= fired, "kept \(kept), dropped \(dropped), fired \(fired)")
    }
}
