import Foundation
import Glibc

/// A pipe whose read end is drained on a background thread, so writers never block on it.
final class DrainedPipe: @unchecked Sendable {
    // @unchecked: `collected` is written by the reader thread only before `done` is signalled.
    let readEnd: Int32
    private(set) var writeEnd: Int32
    private var collected: [UInt8] = []
    private let done = DispatchSemaphore(value: 0)

    init() {
        var fds: [Int32] = [0, 0]
        precondition(pipe(&fds) == 0, "pipe failed")
        readEnd = fds[0]
        writeEnd = fds[1]
        let thread = Thread { [self] in
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let count = chunk.withUnsafeMutableBytes { read(readEnd, $0.baseAddress, $0.count) }
                if count < 0 && errno == EINTR { continue }
                if count <= 0 { break }
                collected.append(contentsOf: chunk[..<count])
            }
            done.signal()
        }
        thread.start()
    }

    /// Closes the write end and returns everything read, or nil if EOF did not come within `timeout` seconds
    /// (someone else still holds a write end).
    func finish(timeout: Double = 20) -> [UInt8]? {
        if writeEnd >= 0 {
            close(writeEnd)
            writeEnd = -1
        }
        guard done.wait(timeout: .now() + timeout) == .success else { return nil }
        close(readEnd)
        return collected
    }
}
