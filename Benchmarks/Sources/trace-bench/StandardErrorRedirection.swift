import CBaseline
import Dispatch
import Foundation

/// Points file descriptor 2 somewhere else for the length of a stderr benchmark, and back afterwards.
///
/// C's `stderr`, swift-log's `StreamLogHandler` and our stderr backend all write to descriptor 2, so one
/// redirection puts every side of the comparison on the same destination.
final class StandardErrorRedirection {
    /// Where lines go.
    enum Destination: String, CaseIterable {
        /// `/dev/null`: the cost of formatting and the write system call alone.
        case devNull = "/dev/null"
        /// A pipe drained by another thread, as when a supervisor collects a program's stderr.
        ///
        /// The pipe holds 1 MiB and its reader drains it once a millisecond, as a busy log collector reads in
        /// batches. A reader waiting in read(2) would be woken by every line, and on this virtual machine that
        /// wake-up (an inter-processor interrupt, a VM exit) cost more than the line and swung from run to run
        /// (interquartile ranges of 60%); it is the same for every writer of one write per line, so batching
        /// leaves each line's own write(2) to measure, and ``pipeWithWaitingReader`` shows the wake-up apart.
        case pipe = "a pipe"
        /// A pipe of the default size whose reader waits in read(2), so that every line wakes it: the wake-up's
        /// cost, shown beside the line's.
        case pipeWithWaitingReader = "a pipe whose reader waits in read(2)"

        /// The destinations a line's instructions are counted on: user-space instructions do not depend on
        /// who reads the pipe.
        static let counted: [Destination] = [.devNull, .pipe]
    }

    /// The pipe's buffer: a millisecond of lines at several hundred nanoseconds each fits many times over.
    private static let pipeCapacity = 1 << 20

    private let savedDescriptor: Int32
    private var pipeReadEnd: Int32 = -1
    private let drained = DispatchGroup()
    private var restored = false

    /// Redirects descriptor 2.
    ///
    /// - Throws: ``ProcessRunner/Failure`` when a descriptor cannot be opened.
    init(to destination: Destination) throws {
        fflush(nil)
        savedDescriptor = dup(STDERR_FILENO)
        guard savedDescriptor >= 0 else { throw ProcessRunner.Failure(description: "dup(2) failed: errno \(errno)") }
        switch destination {
        case .devNull:
            let null = open("/dev/null", O_WRONLY)
            guard null >= 0 else { throw ProcessRunner.Failure(description: "cannot open /dev/null: errno \(errno)") }
            dup2(null, STDERR_FILENO)
            close(null)
        case .pipe, .pipeWithWaitingReader:
            let batched = destination == .pipe
            var ends: [Int32] = [0, 0]
            guard pipe(&ends) == 0 else { throw ProcessRunner.Failure(description: "pipe() failed: errno \(errno)") }
            pipeReadEnd = ends[0]
            if batched { _ = ste_bench_set_pipe_capacity(ends[1], Int32(Self.pipeCapacity)) }
            dup2(ends[1], STDERR_FILENO)
            close(ends[1])
            let readEnd = pipeReadEnd
            drained.enter()
            DispatchQueue.global().async { [drained] in
                var buffer = [UInt8](repeating: 0, count: Self.pipeCapacity)
                while buffer.withUnsafeMutableBytes({ read(readEnd, $0.baseAddress, $0.count) }) > 0 {
                    if batched { usleep(1000) }
                }
                drained.leave()
            }
        }
    }

    /// Puts descriptor 2 back and waits (at most 10 s) for the pipe's reader to see the end.
    func restore() {
        guard !restored else { return }
        restored = true
        fflush(nil)
        dup2(savedDescriptor, STDERR_FILENO)
        close(savedDescriptor)
        if pipeReadEnd >= 0 {
            // Every write end is closed now (the stderr backend's private descriptor went with its backend),
            // so the reader gets end-of-file; the timeout only guards against a descriptor someone kept.
            if drained.wait(timeout: .now() + 10) == .timedOut {
                print("warning: the stderr pipe reader did not finish; a write end is still open")
            }
            close(pipeReadEnd)
        }
    }

    deinit { restore() }
}
