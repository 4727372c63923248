import CTraceEvents
import Foundation
import Glibc
import Testing
import TestSupport
@testable import TraceEvents
import TraceEventsTestEvents

/// GLib's ISO 8601 formatter, loaded at run time: QEMU 10.1 prints its `-msg timestamp=on` prefix with
/// `g_date_time_format_iso8601(g_date_time_new_now_utc())`, so GLib itself is the oracle of the iso line format.
private struct GLibISO8601 {
    private typealias NewFromUnixUTC = @convention(c) (Int64) -> OpaquePointer?
    private typealias Add = @convention(c) (OpaquePointer?, Int64) -> OpaquePointer?
    private typealias Format = @convention(c) (OpaquePointer?) -> UnsafeMutablePointer<CChar>?
    private typealias Unref = @convention(c) (OpaquePointer?) -> Void
    private typealias Free = @convention(c) (UnsafeMutableRawPointer?) -> Void

    private let newFromUnixUTC: NewFromUnixUTC
    private let add: Add
    private let format: Format
    private let unref: Unref
    private let free: Free

    init() throws {
        guard let library = dlopen("libglib-2.0.so.0", RTLD_NOW) else {
            throw TestFailure("GLib is missing (libglib2.0-0; bash .ci/setup installs it): \(String(cString: dlerror()))")
        }
        func symbol<T>(_ name: String, as type: T.Type) throws -> T {
            guard let address = dlsym(library, name) else { throw TestFailure("GLib has no \(name)") }
            return unsafeBitCast(address, to: type)
        }
        newFromUnixUTC = try symbol("g_date_time_new_from_unix_utc", as: NewFromUnixUTC.self)
        add = try symbol("g_date_time_add", as: Add.self)
        format = try symbol("g_date_time_format_iso8601", as: Format.self)
        unref = try symbol("g_date_time_unref", as: Unref.self)
        free = try symbol("g_free", as: Free.self)
    }

    /// What GLib prints for the instant `seconds` + `microseconds` (UTC).
    func text(seconds: Int64, microseconds: Int64) throws -> String {
        guard let whole = newFromUnixUTC(seconds) else { throw TestFailure("GLib rejects \(seconds) s") }
        defer { unref(whole) }
        guard let instant = add(whole, microseconds) else { throw TestFailure("GLib rejects +\(microseconds) us") }
        defer { unref(instant) }
        guard let text = format(instant) else { throw TestFailure("GLib could not format \(seconds) s") }
        defer { free(text) }
        return String(cString: text)
    }
}

/// The iso line format (QEMU 10.1's `-msg timestamp=on`): `2025-07-21T18:43:28.089797Z NAME MESSAGE`.
@Suite struct ISO8601LineTests {
    private func line(seconds: Int64, nanoseconds: Int32, event: TraceEvent) -> String {
        var message = PrintfBuffer()
        message.appendLiteral("size 0x1000")
        let record = TraceRecord(event: event, arguments: [], message: message,
                                 timestamp: TraceTimestamp(seconds: seconds, nanoseconds: nanoseconds), threadID: 7)
        return String(decoding: StderrTraceBackend.line(for: record, format: .iso8601), as: UTF8.self)
    }

    @Test func prefixIsWhatGLibPrints() throws {
        let glib = try GLibISO8601()
        let event = try #require(registerTestGroup("iso_glib", ["event"])["event"])
        let instants: [(Int64, Int32)] = [
            (0, 0), (0, 1_000), (59, 999_999_999), (951_782_400, 500_000),  // 1970; 2000-02-29 (a leap day of a 400 year)
            (1_709_164_800, 123_456_789), (4_107_542_399, 999_000),  // 2024-02-29; 2100-02-28, not a leap year
            (1_753_123_408, 89_797_000), (1_753_123_408, 0),  // QEMU's example second; at zero µs no fraction
            (2_147_483_647, 999), (2_147_483_648, 1_999), (253_402_300_799, 999_999_999),  // 2038; 9999-12-31
            (1_000_000_000, 10_000), (1_234_567_890, 7_000),
        ]
        var generator = SystemRandomNumberGenerator()
        let random = (0..<200).map { _ in
            (Int64.random(in: 0..<253_402_300_800, using: &generator), Int32.random(in: 0..<1_000_000_000, using: &generator))
        }
        for (seconds, nanoseconds) in instants + random {
            let expected = try glib.text(seconds: seconds, microseconds: Int64(nanoseconds / 1000))
            #expect(line(seconds: seconds, nanoseconds: nanoseconds, event: event)
                == "\(expected) iso_glib_event size 0x1000\n", "at \(seconds) s \(nanoseconds) ns")
        }
    }

    @Test func qemusDocumentedExample() throws {
        // QEMU 10.1's example of a line with `-msg timestamp=on` (quoted in issue 10):
        // `2025-07-21T18:43:28.089797Z NAME MESSAGE`. glibc's timegm gives the second independently.
        var civil = tm()
        civil.tm_year = 2025 - 1900
        civil.tm_mon = 6
        civil.tm_mday = 21
        civil.tm_hour = 18
        civil.tm_min = 43
        civil.tm_sec = 28
        let seconds = Int64(timegm(&civil))
        let event = try #require(registerTestGroup("iso_doc", ["event"])["event"])
        #expect(line(seconds: seconds, nanoseconds: 89_797_999, event: event)
            == "2025-07-21T18:43:28.089797Z iso_doc_event size 0x1000\n")
    }
}

extension BackendTests {
    /// Reads `YYYY-MM-DDTHH:MM:SS[.UUUUUU]Z ` back as Unix microseconds, the date through glibc's timegm.
    private static func microseconds(ofISOPrefix line: Substring) throws -> Int64 {
        let stamp = try #require(line.split(separator: " ").first)
        #expect(stamp.hasSuffix("Z"))
        let parts = stamp.dropLast().split(separator: ".")
        let fields = parts[0].split(whereSeparator: { "-T:".contains($0) }).compactMap { Int32($0) }
        try #require(fields.count == 6, "unparsable time '\(stamp)'")
        var civil = tm()
        (civil.tm_year, civil.tm_mon, civil.tm_mday) = (fields[0] - 1900, fields[1] - 1, fields[2])
        (civil.tm_hour, civil.tm_min, civil.tm_sec) = (fields[3], fields[4], fields[5])
        let fraction = parts.count > 1 ? try #require(Int64(parts[1])) : 0
        if parts.count > 1 { #expect(parts[1].count == 6, "'\(stamp)' has no six-digit fraction") }
        return Int64(timegm(&civil)) * 1_000_000 + fraction
    }

    private static func realtimeMicroseconds() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Int64(now.tv_sec) * 1_000_000 + Int64(now.tv_nsec) / 1000
    }

    @Test func isoLinesCarryTheWallClockToTheMicrosecond() throws {
        TraceEvents.enable("bk_iso_event")
        let pipe = DrainedPipe()
        TraceEvents.backends = [StderrTraceBackend(lineFormat: .iso8601, fileDescriptor: pipe.writeEnd)]
        var windows: [(Int64, Int64)] = []
        for index in 0..<50 {
            let before = Self.realtimeMicroseconds()
            trace_bk_iso_event(Int32(index))
            windows.append((before, Self.realtimeMicroseconds()))
            usleep(UInt32(index % 7 * 100))
        }
        TraceEvents.backends = []
        let output = String(decoding: try #require(pipe.finish()), as: UTF8.self)
        let lines = output.split(separator: "\n")
        #expect(lines.count == windows.count)
        for (index, (line, window)) in zip(lines, windows).enumerated() {
            #expect(line.hasSuffix(" bk_iso_event line \(index)"), "\(line)")
            let stamp = try Self.microseconds(ofISOPrefix: line)
            #expect(window.0 <= stamp && stamp <= window.1, "\(line): outside [\(window.0), \(window.1)] µs")
        }
    }
}
