#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import CTraceEvents
import Synchronization

/// A file descriptor that trace lines go to, one whole line per write, never raising SIGPIPE or blocking without
/// bound.
///
/// What happens when the reader falls behind: a pipe is written through a private non-blocking descriptor, and
/// when it is full a line waits up to `stallTimeout` for room, then is dropped and counted. While the output stays
/// stalled, further lines are dropped without waiting, so a reader that stopped for good costs each event one
/// failed write(2), not a timeout. The first line that fits again ends the stall. Errors (closed descriptor,
/// EPIPE, ENOSPC) drop the line the same way. Regular files and terminals are written with ordinary blocking
/// writes.
final class TraceOutput: Sendable {
    private struct State {
        var isStalled = false
        var droppedLines = 0
        var lastError: Int32 = 0
    }

    private let output: ste_output
    private let stallTimeoutMilliseconds: Int32
    private let state = Mutex(State())

    init(fileDescriptor: Int32, stallTimeout: Duration) {
        output = ste_output_open(fileDescriptor)
        let (seconds, attoseconds) = stallTimeout.components
        let milliseconds = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        stallTimeoutMilliseconds = Int32(clamping: max(milliseconds, 0))
    }

    deinit {
        var output = output
        ste_output_close(&output)
    }

    /// Lines dropped so far because the output was full or failed.
    var droppedLineCount: Int { state.withLock { $0.droppedLines } }

    /// The errno of the most recent failed write, or 0.
    var lastError: Int32 { state.withLock { $0.lastError } }

    /// Writes one complete line. The lock makes each line one uninterrupted run of bytes even when a long line
    /// needs several write(2) calls.
    func write(_ line: UnsafeBufferPointer<UInt8>) {
        guard let base = line.baseAddress, !line.isEmpty else { return }
        state.withLock { state in
            let timeout = state.isStalled ? 0 : stallTimeoutMilliseconds
            let result = withUnsafePointer(to: output) { output in
                ste_output_write(output, base, line.count, timeout)
            }
            if result == 0 {
                state.isStalled = false
            } else {
                state.isStalled = result == EAGAIN
                state.droppedLines += 1
                state.lastError = result
            }
        }
    }
}
