import Foundation

/// Runs blocking `body` on its own thread, so that socket waits never occupy the test runner's cooperative pool.
public func onThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread { continuation.resume(with: Result { try body() }) }
        thread.stackSize = 4 << 20
        thread.start()
    }
}

/// A body running on a thread started at once (no task scheduling involved); its result is awaited later.
public final class StartedThread<T: Sendable>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var result: Result<T, any Error>?

    public init(_ body: @escaping @Sendable () throws -> T) {
        let thread = Thread { [self] in
            result = Result { try body() }
            done.signal()
        }
        thread.stackSize = 4 << 20
        thread.start()
    }

    /// The body's result, waited for on a thread of its own so the test pool is never blocked.
    public func value() async throws -> T {
        try await onThread { [self] in
            done.wait()
            done.signal()
            return try result!.get()
        }
    }
}

