#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import CTraceEvents

/// A pthread reader-writer lock on which a waiting writer goes before new readers (see `ste_rwlock_init`).
///
/// Used where many threads share a resource and something rare needs it alone: short trace lines wait on it while
/// a long line, which must not be interleaved, is written.
final class ReaderWriterLock: @unchecked Sendable {
    // @unchecked: the pthread lock is itself the synchronization; its address never changes.
    private let lock: UnsafeMutablePointer<pthread_rwlock_t>

    init() {
        lock = .allocate(capacity: 1)
        ste_rwlock_init(lock)
    }

    deinit {
        pthread_rwlock_destroy(lock)
        lock.deallocate()
    }

    /// Runs `body` while sharing the lock with other readers.
    func withReadLock<Result>(_ body: () throws -> Result) rethrows -> Result {
        pthread_rwlock_rdlock(lock)
        defer { pthread_rwlock_unlock(lock) }
        return try body()
    }

    /// Runs `body` holding the lock alone.
    func withWriteLock<Result>(_ body: () throws -> Result) rethrows -> Result {
        pthread_rwlock_wrlock(lock)
        defer { pthread_rwlock_unlock(lock) }
        return try body()
    }
}
