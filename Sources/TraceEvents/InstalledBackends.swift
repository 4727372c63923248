#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import Synchronization

/// The installed backends as one immutable list, with what they ask of generated code.
final class BackendList: Sendable {
    /// The backends, in installation order.
    let backends: [any TraceBackend]
    /// Whether any of them reads the events' arguments.
    let needsArguments: Bool
    /// Whether any of them reads the events' rendered messages.
    let needsMessage: Bool
    /// The backends, each boxed for a call without copies; `calls` holds them, `unretainedCalls` is what delivery
    /// reads.
    private let calls: [BackendCall]
    private let unretainedCalls: [Unmanaged<BackendCall>]

    init(_ backends: [any TraceBackend]) {
        self.backends = backends
        needsArguments = backends.contains { $0.needsArguments }
        needsMessage = backends.contains { $0.needsMessage }
        calls = backends.map(BackendCall.wrapping)
        unretainedCalls = calls.map { Unmanaged.passUnretained($0) }
    }

    /// Hands `record` to every backend, in installation order.
    @inline(__always)
    func deliver(_ record: TraceRecord) {
        for call in unretainedCalls {
            call._withUnsafeGuaranteedRef { $0.record(record) }
        }
    }
}

/// The current ``BackendList``, read on every traced event without a lock and replaced almost never.
///
/// A reader loads the list's address and uses it without retaining it; a writer publishes a new list and releases
/// the old one only once no reader can still be using it. Readers announce themselves in one of two counters,
/// chosen by an epoch that writers flip: after publishing, a writer flips the epoch and waits until the counter of
/// the old epoch drains, twice, so it waits for every reader that might have loaded the old address (whatever
/// epoch it saw) and never for readers that arrive later, however many there are (the two-counter scheme of
/// userspace RCU). A reader costs two atomic increments on the counter's cache line and three loads.
final class InstalledBackends: Sendable {
    /// The address of a retained ``BackendList``; never 0.
    private let current: Atomic<UInt>
    private let epoch = Atomic<Int>(0)
    private let evenReaders = Atomic<Int>(0)
    private let oddReaders = Atomic<Int>(0)
    /// Writers take turns.
    private let writers = Mutex<Void>(())

    init() {
        current = Atomic(Self.address(of: BackendList([])))
    }

    deinit {
        Self.list(at: current.load(ordering: .relaxed)).release()
    }

    /// Retains `list` and returns its address.
    private static func address(of list: BackendList) -> UInt {
        UInt(bitPattern: Unmanaged.passRetained(list).toOpaque())
    }

    private static func list(at address: UInt) -> Unmanaged<BackendList> {
        Unmanaged.fromOpaque(UnsafeRawPointer(bitPattern: address).unsafelyUnwrapped)
    }

    /// Runs `body` with the current list; the list stays valid during the call even if it is replaced meanwhile.
    @inline(__always)
    func withCurrent<Result>(_ body: (BackendList) -> Result) -> Result {
        let isOdd = epoch.load(ordering: .relaxed) & 1 != 0
        // Sequentially consistent: the announcement must be visible before the address is read (a writer that
        // published after this load will see the counter and wait).
        if isOdd {
            oddReaders.wrappingAdd(1, ordering: .sequentiallyConsistent)
        } else {
            evenReaders.wrappingAdd(1, ordering: .sequentiallyConsistent)
        }
        defer {
            if isOdd {
                oddReaders.wrappingSubtract(1, ordering: .releasing)
            } else {
                evenReaders.wrappingSubtract(1, ordering: .releasing)
            }
        }
        let list = Self.list(at: current.load(ordering: .sequentiallyConsistent))
        return list._withUnsafeGuaranteedRef(body)
    }

    /// The current backends.
    var backends: [any TraceBackend] {
        writers.withLock { _ in
            Self.list(at: current.load(ordering: .relaxed)).takeUnretainedValue().backends
        }
    }

    /// Replaces the list with `change` applied to it; returns once no reader uses the old list any more.
    func update(_ change: (inout [any TraceBackend]) -> Void) {
        writers.withLock { _ in
            let old = Self.list(at: current.load(ordering: .relaxed))
            var backends = old.takeUnretainedValue().backends
            change(&backends)
            current.store(Self.address(of: BackendList(backends)), ordering: .sequentiallyConsistent)
            waitForReadersOfOldLists()
            old.release()
        }
    }

    private func readerCount(odd: Bool) -> Int {
        odd ? oddReaders.load(ordering: .sequentiallyConsistent) : evenReaders.load(ordering: .sequentiallyConsistent)
    }

    /// Waits until every reader that started before the call has finished.
    private func waitForReadersOfOldLists() {
        for _ in 0..<2 {
            let wasOdd = epoch.load(ordering: .relaxed) & 1 != 0
            epoch.store(wasOdd ? 0 : 1, ordering: .sequentiallyConsistent)
            while readerCount(odd: wasOdd) != 0 {
                sched_yield()
            }
        }
    }
}
