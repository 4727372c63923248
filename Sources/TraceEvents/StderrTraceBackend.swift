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
/// time from CLOCK_REALTIME as gettimeofday gives it) or `NAME MESSAGE` (``LineFormat/bare``), where MESSAGE is
/// the event's format rendered as C printf renders it. Each line is built completely and written with one
/// write(2), so lines from concurrent threads never interleave. Writing never raises SIGPIPE and never blocks
/// forever: see ``droppedLineCount`` for what happens when the reader stops reading.
public struct StderrTraceBackend: TraceBackend {
    /// Which of QEMU's two line shapes to print.
    public enum LineFormat: Sendable, Hashable {
        /// `TID@SECONDS.MICROSECONDS:NAME MESSAGE` (QEMU with `-msg timestamp=on`).
        case timestamped
        /// `NAME MESSAGE`.
        case bare
    }

    /// The line shape.
    public let lineFormat: LineFormat
    private let output: TraceOutput

    /// Creates a backend writing to `fileDescriptor` (standard error by default).
    ///
    /// - Parameters:
    ///   - lineFormat: the line shape.
    ///   - fileDescriptor: where lines go; the backend never closes it. For a pipe it opens a private
    ///     non-blocking descriptor of the same pipe, released when the last copy of the backend goes away.
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

    /// Writes the event's line, built on the stack when it is short (no allocation per event).
    public func record(_ record: TraceRecord) {
        let capacity = Self.lineCapacity(for: record)
        if capacity <= Self.stackLineLimit {
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { buffer in
                let count = Self.writeLine(for: record, format: lineFormat, into: buffer)
                output.write(UnsafeBufferPointer(rebasing: buffer[..<count]))
            }
        } else {
            let line = Self.line(for: record, format: lineFormat)
            line.withUnsafeBufferPointer { output.write($0) }
        }
    }

    /// The complete line for a record, newline included.
    public static func line(for record: TraceRecord, format: LineFormat) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: lineCapacity(for: record)) { buffer, count in
            count = writeLine(for: record, format: format, into: buffer)
        }
    }

    /// Lines up to this size are built on the stack.
    private static let stackLineLimit = 2048

    /// An upper bound of the line's length: Int32 thread id, 20-digit seconds, six-digit microseconds,
    /// four separators and the newline take at most 43 bytes.
    private static func lineCapacity(for record: TraceRecord) -> Int {
        48 + record.event.nameBytes.count + record.message.bytes.count
    }

    /// Writes `TID@SECONDS.MICROSECONDS:NAME MESSAGE\n` (QEMU: `"%d@%zu.%06zu:NAME " FMT "\n"`, with
    /// qemu_get_thread_id(), tv_sec, tv_usec) or `NAME MESSAGE\n`, returning the byte count.
    private static func writeLine(
        for record: TraceRecord, format: LineFormat, into buffer: UnsafeMutableBufferPointer<UInt8>
    ) -> Int {
        var position = 0
        func put(_ byte: UInt8) {
            buffer[position] = byte
            position += 1
        }
        func put(_ bytes: UnsafeBufferPointer<UInt8>) {
            guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
            (buffer.baseAddress! + position).update(from: source, count: bytes.count)
            position += bytes.count
        }
        func putDecimal(_ value: UInt64, minimumDigits: Int) {
            var digitCount = 0
            var scan = value
            repeat {
                digitCount += 1
                scan /= 10
            } while scan != 0
            let count = max(digitCount, minimumDigits)
            var rest = value
            for offset in stride(from: count - 1, through: 0, by: -1) {
                buffer[position + offset] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10)
                rest /= 10
            }
            position += count
        }
        if format == .timestamped {
            if record.threadID < 0 { put(UInt8(ascii: "-")) }
            putDecimal(UInt64(record.threadID.magnitude), minimumDigits: 1)
            put(UInt8(ascii: "@"))
            putDecimal(UInt64(bitPattern: record.timestamp.seconds), minimumDigits: 1)
            put(UInt8(ascii: "."))
            putDecimal(UInt64(max(record.timestamp.microseconds, 0)), minimumDigits: 6)
            put(UInt8(ascii: ":"))
        }
        put(record.event.nameBytes)
        put(UInt8(ascii: " "))
        record.message.bytes.withUnsafeBufferPointer { put($0) }
        put(UInt8(ascii: "\n"))
        return position
    }
}
