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
        case pipe = "a pipe"
    }

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
        case .pipe:
            var ends: [Int32] = [0, 0]
            guard pipe(&ends) == 0 else { throw ProcessRunner.Failure(description: "pipe() failed: errno \(errno)") }
            pipeReadEnd = ends[0]
            dup2(ends[1], STDERR_FILENO)
            close(ends[1])
            let readEnd = pipeReadEnd
            drained.enter()
            DispatchQueue.global().async { [drained] in
                var buffer = [UInt8](repeating: 0, count: 1 << 16)
                while buffer.withUnsafeMutableBytes({ read(readEnd, $0.baseAddress, $0.count) }) > 0 {}
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
