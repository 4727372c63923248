#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import CTraceEvents

/// A value read on every traced event and written almost never (the installed backends).
///
/// A reader-writer lock rather than `Mutex`: readers on many threads share it without sleeping, where a mutex
/// would serialize every event of every thread through one lock. Writers go first (see `ste_rwlock_init`), so
/// changing the backends never waits behind a stream of events.
final class ReadMostly<Value: Sendable>: @unchecked Sendable {
    // @unchecked: `value` is only touched with `lock` held (shared for reads, exclusive for writes).
    private var value: Value
    private let lock: UnsafeMutablePointer<pthread_rwlock_t>

    init(_ value: Value) {
        self.value = value
        lock = .allocate(capacity: 1)
        ste_rwlock_init(lock)
    }

    deinit {
        pthread_rwlock_destroy(lock)
        lock.deallocate()
    }

    /// A copy of the current value.
    func read() -> Value {
        pthread_rwlock_rdlock(lock)
        defer { pthread_rwlock_unlock(lock) }
        return value
    }

    /// Changes the value.
    func update(_ change: (inout Value) -> Void) {
        pthread_rwlock_wrlock(lock)
        defer { pthread_rwlock_unlock(lock) }
        change(&value)
    }
}
