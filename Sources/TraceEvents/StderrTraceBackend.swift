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
        stallTimeout: Duration = .milliseconds(200)
    ) {
        self.lineFormat = lineFormat
        output = TraceOutput(fileDescriptor: fileDescriptor, stallTimeout: stallTimeout)
    }

    /// Lines dropped because the output was full for longer than the stall timeout, closed, or failing.
    ///
    /// When a full pipe stays full, the first line waits up to the stall timeout and later lines are dropped at
    /// once until a write succeeds again; the program itself never waits longer than that.
    public var droppedLineCount: Int { output.droppedLineCount }

    /// Writes the event's line.
    public func record(_ record: TraceRecord) {
        let line = Self.line(for: record, format: lineFormat)
        line.bytes.withUnsafeBufferPointer { output.write($0) }
    }

    /// The complete line for a record, newline included.
    public static func line(for record: TraceRecord, format: LineFormat) -> PrintfBuffer {
        let name = record.event.nameBytes
        var line = PrintfBuffer(capacity: 40 + name.count + record.message.bytes.count)
        if format == .timestamped {
            // QEMU: "%d@%zu.%06zu:" with qemu_get_thread_id(), tv_sec, tv_usec.
            line.appendSigned(Int64(record.threadID), PrintfSpec(.d))
            line.appendLiteral("@")
            line.appendUnsigned(UInt64(bitPattern: record.timestamp.seconds), PrintfSpec(.u, length: .size))
            line.appendLiteral(".")
            line.appendUnsigned(
                UInt64(record.timestamp.microseconds), PrintfSpec(.u, flags: .zeroPad, width: 6, length: .size))
            line.appendLiteral(":")
        }
        line.append(name)
        line.appendLiteral(" ")
        line.append(record.message)
        line.appendLiteral("\n")
        return line
    }
}
