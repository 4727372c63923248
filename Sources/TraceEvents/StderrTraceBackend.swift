#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The embedded default backend: one line per event on standard error, as QEMU's `log` backend prints them.
///
/// Lines are `TID@SECONDS.MICROSECONDS:NAME MESSAGE` (``LineFormat/timestamped``: kernel thread id, wall-clock
/// time from CLOCK_REALTIME as gettimeofday gives it), `NAME MESSAGE` (``LineFormat/bare``) or
/// `2025-07-21T18:43:28.089797Z NAME MESSAGE` (``LineFormat/iso8601``, QEMU 10.1 and later), where MESSAGE is the
/// event's format rendered as C printf renders it. Each line is built completely and written with one write(2),
/// so lines from concurrent threads never interleave. Writing never raises SIGPIPE and never blocks forever: see
/// ``droppedLineCount`` for what happens when the reader stops reading.
///
/// **SIGPIPE**: when the output is a pipe and SIGPIPE's disposition is still the default, creating the backend
/// sets it to ignored for the whole process, as QEMU does at start-up; a line to a pipe whose reader is gone then
/// fails with EPIPE and is counted as dropped, and every line costs exactly one write(2). A program that installed
/// its own SIGPIPE handler keeps it; the backend then blocks the signal around each write (two more system calls
/// per line). A program that restores the default disposition later is killed by the next line to a closed pipe,
/// as it would be by its own writes.
public struct StderrTraceBackend: TraceBackend {
    /// Which of QEMU's line shapes to print.
    public enum LineFormat: Sendable, Hashable {
        /// `TID@SECONDS.MICROSECONDS:NAME MESSAGE` (QEMU up to 10.0 with `-msg timestamp=on`).
        case timestamped
        /// `NAME MESSAGE` (QEMU without `-msg timestamp=on`).
        case bare
        /// `YYYY-MM-DDTHH:MM:SS.UUUUUUZ NAME MESSAGE`, the time in UTC as GLib's `g_date_time_format_iso8601`
        /// prints it (QEMU 10.1 and later with `-msg timestamp=on`); at exactly zero microseconds GLib leaves the
        /// fraction out, and so does this.
        case iso8601
    }

    /// The line shape.
    public let lineFormat: LineFormat
    private let output: TraceOutput

    /// Creates a backend writing to `fileDescriptor` (standard error by default).
    ///
    /// - Parameters:
    ///   - lineFormat: the line shape.
    ///   - fileDescriptor: where lines go; the backend never closes it. For a pipe it opens a private
    ///     non-blocking descriptor of the same pipe, released when the last copy of the backend goes away, and
    ///     ignores SIGPIPE if its disposition is the default (see the type's documentation).
    ///   - stallTimeout: how long one line may wait for a full pipe to drain before it is dropped.
    public init(
        lineFormat: LineFormat = .timestamped,
        fileDescriptor: Int32 = STDERR_FILENO,
        stallTimeout: Duration = .seconds(10)
    ) {
        self.lineFormat = lineFormat
        output = TraceOutput(fileDescriptor: fileDescriptor, stallTimeout: stallTimeout)
    }

    /// Lines dropped because the output was full for longer than the stall timeout, closed, or failing.
    ///
    /// When a full pipe stays full, the first line waits up to the stall timeout and later lines are dropped at
    /// once until a write succeeds again; the program itself never waits longer than that.
    public var droppedLineCount: Int { output.droppedLineCount }

    /// The errno of the most recent failed write (EAGAIN when a full pipe timed out), or 0 when none failed.
    public var lastWriteError: Int32 { output.lastError }

    /// The stderr backend prints the message only.
    public var needsArguments: Bool { false }

    /// Writes the event's line, built on the stack when it is short (no allocation per event).
    public func record(_ record: TraceRecord) {
        let name = record.event.nameBytes
        record.message.withUnsafeBufferPointer { message in
            let capacity = Self.lineCapacity(name: name, message: message)
            if capacity <= 1024 {
                withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 1024) { buffer in
                    let count = Self.writeLine(
                        lineFormat, record, name: name, message: message, into: buffer.baseAddress.unsafelyUnwrapped)
                    output.write(UnsafeBufferPointer(start: buffer.baseAddress, count: count))
                }
            } else {
                let line = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
                    count = Self.writeLine(
                        lineFormat, record, name: name, message: message, into: buffer.baseAddress.unsafelyUnwrapped)
                }
                line.withUnsafeBufferPointer { output.write($0) }
            }
        }
    }

    /// The complete line for a record, newline included.
    public static func line(for record: TraceRecord, format: LineFormat) -> [UInt8] {
        let name = record.event.nameBytes
        return record.message.withUnsafeBufferPointer { message in
            [UInt8](unsafeUninitializedCapacity: lineCapacity(name: name, message: message)) { buffer, count in
                count = writeLine(format, record, name: name, message: message, into: buffer.baseAddress.unsafelyUnwrapped)
            }
        }
    }

    /// An upper bound of the line's length. The longest prefix is the timestamped one: an Int32 thread id with
    /// its sign (11), 20-digit seconds, six-digit microseconds and three separators make 40 bytes; the ISO one
    /// takes 28 for any year up to 9999 and at most 41 for the most distant Int64 seconds.
    private static func lineCapacity(name: UnsafeBufferPointer<UInt8>, message: UnsafeBufferPointer<UInt8>) -> Int {
        48 + name.count + message.count
    }

    /// Writes the prefix of `format`, then `NAME MESSAGE\n`, returning the byte count. The timestamped prefix is
    /// QEMU's `"%d@%zu.%06zu:"` with qemu_get_thread_id(), tv_sec and tv_usec.
    private static func writeLine(
        _ format: LineFormat, _ record: TraceRecord, name: UnsafeBufferPointer<UInt8>,
        message: UnsafeBufferPointer<UInt8>, into start: UnsafeMutablePointer<UInt8>
    ) -> Int {
        var position = start
        switch format {
        case .timestamped:
            if record.threadID < 0 { position.put(UInt8(ascii: "-")) }
            position.putDecimal(UInt64(record.threadID.magnitude), minimumDigits: 1)
            position.put(UInt8(ascii: "@"))
            position.putDecimal(UInt64(bitPattern: record.timestamp.seconds), minimumDigits: 1)
            position.put(UInt8(ascii: "."))
            position.putDecimal(UInt64(max(record.timestamp.microseconds, 0)), minimumDigits: 6)
            position.put(UInt8(ascii: ":"))
        case .iso8601:
            position.putISO8601(record.timestamp)
            position.put(UInt8(ascii: " "))
        case .bare:
            break
        }
        position.put(name)
        position.put(UInt8(ascii: " "))
        position.put(message)
        position.put(UInt8(ascii: "\n"))
        return position - start
    }
}

/// Writing a line forward through a cursor; the caller has made room for everything written.
extension UnsafeMutablePointer<UInt8> {
    @inline(__always)
    fileprivate mutating func put(_ byte: UInt8) {
        initialize(to: byte)
        self += 1
    }

    @inline(__always)
    fileprivate mutating func put(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress else { return }
        initialize(from: source, count: bytes.count)
        self += bytes.count
    }

    /// `value` in decimal, zero-padded to `minimumDigits`.
    @inline(__always)
    fileprivate mutating func putDecimal(_ value: UInt64, minimumDigits: Int) {
        let count = Swift.max(PrintfBuffer.decimalDigitCount(value), minimumDigits)
        PrintfBuffer.writeDecimalDigits(value, count: count, at: self)
        self += count
    }

    /// `YYYY-MM-DDTHH:MM:SS.UUUUUUZ` in UTC, as GLib's g_date_time_format_iso8601 (`%C%y-%m-%dT%H:%M:%S.%f`, the
    /// fraction only when the microseconds are not zero, then `Z`).
    fileprivate mutating func putISO8601(_ timestamp: TraceTimestamp) {
        let (days, secondOfDay) = timestamp.seconds.quotientAndRemainder(dividingBy: 86_400)
        let (civilDays, second) = secondOfDay < 0 ? (days - 1, secondOfDay + 86_400) : (days, secondOfDay)
        let date = CivilDate(daysSinceEpoch: civilDays)
        if date.year < 0 { put(UInt8(ascii: "-")) }
        putDecimal(date.year.magnitude, minimumDigits: 4)
        put(UInt8(ascii: "-"))
        putDecimal(UInt64(date.month), minimumDigits: 2)
        put(UInt8(ascii: "-"))
        putDecimal(UInt64(date.day), minimumDigits: 2)
        put(UInt8(ascii: "T"))
        putDecimal(UInt64(second / 3600), minimumDigits: 2)
        put(UInt8(ascii: ":"))
        putDecimal(UInt64(second % 3600 / 60), minimumDigits: 2)
        put(UInt8(ascii: ":"))
        putDecimal(UInt64(second % 60), minimumDigits: 2)
        let microseconds = Swift.max(timestamp.microseconds, 0)
        if microseconds != 0 {
            put(UInt8(ascii: "."))
            putDecimal(UInt64(microseconds), minimumDigits: 6)
        }
        put(UInt8(ascii: "Z"))
    }
}
