/// A value read on every traced event and written almost never (the installed backends).
///
/// A reader-writer lock rather than `Mutex`: readers on many threads share it without sleeping, where a mutex
/// would serialize every event of every thread through one lock. Writers go first, so changing the backends
/// never waits behind a stream of events.
final class ReadMostly<Value: Sendable>: @unchecked Sendable {
    // @unchecked: `value` is only touched with `lock` held (shared for reads, exclusive for writes).
    private var value: Value
    private let lock = ReaderWriterLock()

    init(_ value: Value) {
        self.value = value
    }

    /// A copy of the current value.
    func read() -> Value {
        lock.withReadLock { value }
    }

    /// Changes the value.
    func update(_ change: (inout Value) -> Void) {
        lock.withWriteLock { change(&value) }
    }
}
