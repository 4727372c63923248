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
/// Lines of up to `PIPE_BUF` (4096) bytes go out in one write(2) without a lock: the kernel writes them atomically
/// to pipes and whole to files and terminals, so concurrent threads do not wait for each other. A longer line, which
/// the kernel may split, goes out alone: its writer raises a flag and waits for short writes in flight to finish,
/// and short lines that see the flag wait on a lock the long line holds, so no line of this process lands inside
/// it. A short line costs two atomic increments and two loads for this.
///
/// What happens when the reader falls behind: a pipe is written through a private non-blocking descriptor, and
/// when it is full a line waits up to `stallTimeout` for room, then is dropped and counted. While the output stays
/// stalled, further lines are dropped without waiting, so a reader that stopped for good costs each event one
/// failed write(2), not a timeout. The first line that fits again ends the stall, and a notice line saying how many
/// lines were lost goes out before it, so a reader of the log sees the gap. Errors (closed descriptor, EPIPE,
/// ENOSPC) drop the line the same way. Regular files and terminals are written with ordinary blocking
/// writes.
final class TraceOutput: Sendable {
    private let output: ste_output
    private let stallTimeoutMilliseconds: Int32
    private let isStalled = Atomic<Bool>(false)
    private let droppedLines = Atomic<Int>(0)
    /// Lines dropped since the last notice in the output itself.
    private let unreportedDrops = Atomic<Int>(0)
    private let lastErrorNumber = Atomic<Int32>(0)
    /// Short lines being written without the lock.
    private let shortWritesInFlight = Atomic<Int>(0)
    /// Long lines waiting for or being written; short lines that see one take `lineLock` shared.
    private let longWrites = Atomic<Int>(0)
    /// A long line holds it alone: see ``write(_:)``.
    private let lineLock = ReaderWriterLock()

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
    var droppedLineCount: Int { droppedLines.load(ordering: .relaxed) }

    /// The errno of the most recent failed write, or 0.
    var lastError: Int32 { lastErrorNumber.load(ordering: .relaxed) }

    /// Writes one complete line.
    func write(_ line: UnsafeBufferPointer<UInt8>) {
        guard let base = line.baseAddress, !line.isEmpty else { return }
        if line.count <= Int(PIPE_BUF) {
            if longWrites.load(ordering: .relaxed) == 0 {
                // Announce, then look again: with both sides sequentially consistent, either this write sees the
                // long line's flag or the long line sees this write in flight and waits for it.
                shortWritesInFlight.wrappingAdd(1, ordering: .sequentiallyConsistent)
                if longWrites.load(ordering: .sequentiallyConsistent) == 0 {
                    writeReportingDrops(base, line.count)
                    shortWritesInFlight.wrappingSubtract(1, ordering: .releasing)
                    return
                }
                shortWritesInFlight.wrappingSubtract(1, ordering: .releasing)
            }
            lineLock.withReadLock { writeReportingDrops(base, line.count) }
        } else {
            lineLock.withWriteLock {
                longWrites.wrappingAdd(1, ordering: .sequentiallyConsistent)
                while shortWritesInFlight.load(ordering: .sequentiallyConsistent) != 0 { sched_yield() }
                writeReportingDrops(base, line.count)
                longWrites.wrappingSubtract(1, ordering: .releasing)
            }
        }
    }

    private func writeReportingDrops(_ base: UnsafePointer<UInt8>, _ count: Int) {
        // One load per line when nothing was dropped; the notice is built out of line.
        if _slowPath(unreportedDrops.load(ordering: .relaxed) > 0) { reportDrops() }
        finish(writeOnce(base, count))
    }

    /// Writes the notice of a gap before the next line; if even that does not fit, the count waits for the next try.
    @inline(never)
    private func reportDrops() {
        let lost = unreportedDrops.exchange(0, ordering: .relaxed)
        guard lost > 0 else { return }
        var notice = Array("trace-events: \(lost) trace line\(lost == 1 ? "" : "s") dropped here: the output was full or failing\n".utf8)
        let result = notice.withUnsafeMutableBufferPointer { bytes in
            withUnsafePointer(to: output) { ste_output_write($0, bytes.baseAddress!, bytes.count, 0) }
        }
        if result != 0 { unreportedDrops.add(lost, ordering: .relaxed) }
    }

    private func writeOnce(_ base: UnsafePointer<UInt8>, _ count: Int) -> Int32 {
        let timeout = isStalled.load(ordering: .relaxed) ? 0 : stallTimeoutMilliseconds
        return withUnsafePointer(to: output) { ste_output_write($0, base, count, timeout) }
    }

    private func finish(_ result: Int32) {
        if result == 0 {
            if isStalled.load(ordering: .relaxed) { isStalled.store(false, ordering: .relaxed) }
            return
        }
        isStalled.store(result == EAGAIN, ordering: .relaxed)
        droppedLines.add(1, ordering: .relaxed)
        unreportedDrops.add(1, ordering: .relaxed)
        lastErrorNumber.store(result, ordering: .relaxed)
    }
}
