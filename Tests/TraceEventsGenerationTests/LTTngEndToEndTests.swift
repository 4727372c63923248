import Foundation
import Testing

/// The fixture built with the LTTng trait records every argument kind into a real LTTng session, and
/// babeltrace2 reads back exactly the values the program passed.
@Suite(.serialized) struct LTTngEndToEndTests {
    /// One event as babeltrace2 prints it: the name and the payload fields, in order.
    struct RecordedEvent: Equatable, CustomStringConvertible {
        var name: String
        var fields: String
        var description: String { "\(name): { \(fields) }" }
    }

    /// Parses `[...] (+...) host trace_fixture:NAME: { cpu_id = 0 }, { a = 1, b = "x" }` lines.
    static func events(in trace: String, provider: String) -> [RecordedEvent] {
        trace.split(separator: "\n").compactMap { line in
            guard let start = line.range(of: " \(provider):") else { return nil }
            let rest = line[start.upperBound...]
            guard let colon = rest.firstIndex(of: ":") else { return nil }
            let name = String(rest[..<colon])
            guard let payload = rest.range(of: "}, {", options: .backwards) else { return nil }
            var fields = rest[payload.upperBound...].drop { $0 == " " }
            if fields.hasSuffix("}") { fields = fields.dropLast() }
            while fields.hasSuffix(" ") { fields = fields.dropLast() }
            return RecordedEvent(name: name, fields: String(fields))
        }
    }

    @Test(.enabled(if: LTTngAvailability.testsRun, LTTngAvailability.skipReason), .timeLimit(.minutes(20)))
    func everyArgumentKindIsRecorded() async throws {
        try LTTngAvailability.require()
        let executable = try await FixturePackage.shared.executable(lttng: true)
        let session = try LTTngSession.start(provider: "trace_fixture")
        let trace: String
        do {
            let run = try ProcessRunner.run(executable, [], timeout: 60)
            #expect(run.status == 0, "\(run.combined)")
            trace = try session.stopAndRead()
            session.destroy()
        } catch {
            session.destroy()
            throw error
        }
        // The values main.swift passes, spelled as babeltrace2 prints them.
        let expected: [RecordedEvent] = [
            .init(name: "fixture_strings", fields: #"text = "hello", empty = "", missing = "(null)", accented = "Grüße, 世界""#),
            .init(name: "fixture_signed", fields: "i8 = \(Int8.min), i16 = \(Int16.min), i32 = \(Int32.min), i64 = \(Int64.min)"),
            .init(name: "fixture_signed", fields: "i8 = \(Int8.max), i16 = \(Int16.max), i32 = \(Int32.max), i64 = \(Int64.max)"),
            .init(name: "fixture_unsigned", fields: "u8 = 0, u16 = 0, u32 = 0, u64 = 0"),
            .init(name: "fixture_unsigned", fields: "u8 = \(UInt8.max), u16 = \(UInt16.max), u32 = \(UInt32.max), u64 = \(UInt64.max)"),
            .init(name: "fixture_c_types", fields: "c = \(CChar.min), sc = \(Int8.min), s = \(Int16.min), l = \(Int.min), ul = 0, ll = \(Int64.min), ull = 0, sz = 0, ssz = \(Int.min)"),
            .init(name: "fixture_c_types", fields: "c = \(CChar.max), sc = \(Int8.max), s = \(Int16.max), l = \(Int.max), ul = \(UInt.max), ll = \(Int64.max), ull = \(UInt64.max), sz = \(UInt.max), ssz = \(Int.max)"),
            .init(name: "fixture_pointer_bool", fields: "opaque = 0xDEADBEEF, null_pointer = 0x0, yes = 1, no = 0"),
            .init(name: "fixture_keywords", fields: "type = -1, in = 2, self = 3, func = 4"),
            .init(name: "fixture_no_arguments", fields: ""),
            .init(name: "fixture_no_format", fields: "value = 42"),
        ]
        let recorded = Self.events(in: trace, provider: "trace_fixture")
        #expect(recorded.count == expected.count, "trace:\n\(trace)")
        for (got, want) in zip(recorded, expected) {
            #expect(got == want)
        }
        #expect(!recorded.contains { $0.name == "fixture_disabled" })
    }
}
