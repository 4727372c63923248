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
/// Used where many threads share a resource on every traced event and something rare needs it alone: reading
/// the installed backends, and writing short lines while a long line must not be interleaved.
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
