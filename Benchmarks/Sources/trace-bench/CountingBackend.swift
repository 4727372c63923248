import Synchronization
import TraceEvents

/// A backend that only counts the events it receives: how many events a traced migration emits, the figure that
/// says how much tracing it can cost at all.
final class CountingBackend: TraceBackend {
    private let received = Atomic<Int>(0)

    /// Events received so far.
    var count: Int { received.load(ordering: .relaxed) }

    var needsArguments: Bool { false }
    var needsMessage: Bool { false }

    func record(_ record: TraceRecord) {
        received.add(1, ordering: .relaxed)
    }
}
