import Foundation

/// Work cut into numbered pieces, computed on several threads and handed on in order on the calling thread,
/// with at most a few pieces computed ahead of the one handed on: the speed of several cores, the output
/// order and the memory bound of doing one piece at a time.
enum OrderedPipeline {
    /// Calls `consume` with `compute(0)`, `compute(1)`, ... `compute(count - 1)`, in that order on this thread;
    /// the pieces are computed on up to `workers` threads of their own, at most `window` of them ahead of the
    /// one consumed. With one worker or one piece nothing runs on another thread.
    static func run<Piece: Sendable>(
        count: Int, workers: Int, window: Int, compute: @escaping @Sendable (Int) -> Piece, consume: (Piece) -> Void
    ) {
        guard count > 1, workers > 1 else {
            for index in 0..<count { consume(compute(index)) }
            return
        }
        let state = State<Piece>(count: count, window: max(window, workers))
        let threads = min(workers, count)
        for _ in 0..<threads {
            let thread = Thread { state.work(compute) }
            // As much stack as the main thread has, so no input that checks there overflows here.
            thread.stackSize = 8 << 20
            thread.start()
        }
        for index in 0..<count { consume(state.take(index)) }
        state.waitForWorkers(threads)
    }

    /// What the threads share, behind one condition variable.
    private final class State<Piece: Sendable>: @unchecked Sendable {
        private let condition = NSCondition()
        private let count: Int
        private let window: Int
        /// The next piece a worker takes.
        private var next = 0
        /// How many pieces were handed on.
        private var consumed = 0
        private var done: [Int: Piece] = [:]
        private var finishedWorkers = 0

        init(count: Int, window: Int) {
            self.count = count
            self.window = window
        }

        /// A worker's loop: takes the next piece while it is within the window, computes it, files it.
        func work(_ compute: (Int) -> Piece) {
            condition.lock()
            while true {
                while next < count && next >= consumed + window { condition.wait() }
                guard next < count else { break }
                let index = next
                next += 1
                condition.unlock()
                let piece = compute(index)
                condition.lock()
                done[index] = piece
                condition.broadcast()
            }
            finishedWorkers += 1
            condition.broadcast()
            condition.unlock()
        }

        /// Piece `index`, once a worker has filed it.
        func take(_ index: Int) -> Piece {
            condition.lock()
            defer { condition.unlock() }
            while done[index] == nil { condition.wait() }
            consumed = index + 1
            condition.broadcast()
            return done.removeValue(forKey: index)!
        }

        /// Returns once all `workers` have left their loops, so nothing they captured is used after `run`.
        func waitForWorkers(_ workers: Int) {
            condition.lock()
            while finishedWorkers < workers { condition.wait() }
            condition.unlock()
        }
    }
}
