import CTraceEvents
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// QEMU's `simple` backend: events as compact binary records in a file that QEMU's `scripts/simpletrace.py`
/// decodes with the same trace-events file.
///
/// The file is QEMU's simple trace format, version 4: a header, then for each event a name-mapping record before
/// its first event record, and event records carrying the event's id, a CLOCK_MONOTONIC timestamp in nanoseconds,
/// the process id and the arguments in order (a string as a 32-bit length and at most 512 of its bytes, NULL as
/// length 0; every other argument as 8 bytes, signed values sign-extended, pointers as their address).
///
/// Recording copies the record into a memory buffer; a writer thread moves it to the file. The caller never waits
/// for the disk: when the buffer is full, the record is dropped, counted in ``droppedEventCount``, and a "dropped"
/// record in the file says how many went missing. When a write fails (the disk is full, EIO), the file is cut back
/// to its last whole record and the lost events are counted the same way, so the file always decodes; writing
/// resumes when the disk has room again. The buffer is written at least every 100 ms, on ``flush()`` and
/// ``TraceEvents/flush()``, and at exit.
public final class SimpleTraceBackend: TraceBackend, @unchecked Sendable {
    // @unchecked: `trace` is only handed to the C writer, whose calls are thread-safe; it is freed in deinit.

    /// QEMU's default file name, `trace-PID`, in the current directory.
    public static var defaultPath: String { "trace-\(getpid())" }

    /// The file being written.
    public let path: String
    private let trace: OpaquePointer

    /// Why the file could not be opened.
    public struct OpenError: Error, CustomStringConvertible {
        /// The file asked for.
        public var path: String
        /// The errno of the failure.
        public var errorNumber: Int32
        /// `cannot open simple trace file PATH: REASON`.
        public var description: String {
            "cannot open simple trace file \(path): \(String(cString: strerror(errorNumber)))"
        }
    }

    /// Creates (or truncates) the file at `path` and writes the format's header.
    ///
    /// - Parameters:
    ///   - path: the trace file; QEMU's `trace-PID` by default.
    ///   - bufferSize: how many bytes of records may wait in memory for the writer (about 20 000 typical records
    ///     in the default 1 MiB); a burst larger than that drops records rather than waiting.
    public init(path: String = SimpleTraceBackend.defaultPath, bufferSize: Int = 1 << 20) throws(OpenError) {
        var errorNumber: Int32 = 0
        guard let trace = ste_simple_trace_open(path, max(bufferSize, 0), &errorNumber) else {
            throw OpenError(path: path, errorNumber: errorNumber)
        }
        self.path = path
        self.trace = trace
    }

    deinit {
        ste_simple_trace_close(trace)
    }

    /// Events lost so far: dropped because the buffer was full, or lost to a failed write.
    public var droppedEventCount: Int { Int(ste_simple_trace_dropped_count(trace)) }

    /// The errno of the most recent failed write (ENOSPC when the disk was full), or 0 when none failed.
    public var lastWriteError: Int32 { ste_simple_trace_last_error(trace) }

    /// Bytes of whole records written to the file so far, header included.
    public var fileSize: Int { Int(ste_simple_trace_file_size(trace)) }

    /// The simple format carries the arguments only, so no message is rendered for it.
    public var needsMessage: Bool { false }

    /// Appends the event's record to the buffer.
    public func record(_ record: TraceRecord) {
        let capacity = Self.payloadCapacity(of: record.arguments)
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(capacity, 1)) { buffer in
            let count = Self.encode(record.arguments, into: buffer)
            _ = ste_simple_trace_record(trace, record.event.entry, buffer.baseAddress, UInt32(count))
        }
    }

    /// Waits until every event recorded before the call is in the file, at most `timeout`.
    ///
    /// - Returns: false when the writer did not finish in time (the disk is very slow).
    @discardableResult
    public func flush(timeout: Duration) -> Bool {
        let (seconds, attoseconds) = timeout.components
        let milliseconds = Int32(clamping: max(seconds * 1000 + attoseconds / 1_000_000_000_000_000, 0))
        return ste_simple_trace_flush(trace, milliseconds) == 0
    }

    /// Waits until every event recorded before the call is in the file (at most 10 seconds).
    public func flush() {
        flush(timeout: .seconds(10))
    }

    /// The payload's size in bytes at most: strings cut at 512 bytes.
    private static func payloadCapacity(of arguments: [TraceValue]) -> Int {
        var capacity = 0
        for argument in arguments {
            if case .string(let text?) = argument {
                capacity += 4 + min(text.utf8.count, Int(STE_SIMPLE_MAX_STRING))
            } else {
                capacity += 8
            }
        }
        return capacity
    }

    /// Writes the arguments as the format lays them out, returning the byte count.
    static func encode(_ arguments: [TraceValue], into buffer: UnsafeMutableBufferPointer<UInt8>) -> Int {
        let base = UnsafeMutableRawPointer(buffer.baseAddress!)
        var position = 0
        func put<Value: FixedWidthInteger>(_ value: Value) {
            base.storeBytes(of: value, toByteOffset: position, as: Value.self)
            position += MemoryLayout<Value>.size
        }
        for argument in arguments {
            switch argument {
            case .string(nil): put(UInt32(0))
            case .string(var text?):
                text.withUTF8 { bytes in
                    let count = min(bytes.count, Int(STE_SIMPLE_MAX_STRING))
                    put(UInt32(count))
                    if count > 0 { (base + position).copyMemory(from: bytes.baseAddress!, byteCount: count) }
                    position += count
                }
            case .signed(let value): put(UInt64(bitPattern: value))
            case .unsigned(let value): put(value)
            case .pointer(let address): put(UInt64(address))
            case .bool(let value): put(UInt64(value ? 1 : 0))
            // A 64-bit slot like every non-string argument; the double's bits, so nothing is lost.
            case .floating(let value): put(value.bitPattern)
            }
        }
        return position
    }
}
