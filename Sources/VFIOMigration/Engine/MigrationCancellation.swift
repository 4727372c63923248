import Synchronization

/// A request to cancel a migration, safe to make from any thread (a signal handler's thread, a UI, a test).
///
/// The source checks it between steps; a cancelled migration ends with status `cancelled`, which sends every
/// device back to RUNNING.
public final class MigrationCancellation: Sendable {
    private let requested = Atomic<Bool>(false)

    /// Creates a token that is not cancelled.
    public init() {}

    /// Asks the migration to stop at its next step.
    public func cancel() {
        requested.store(true, ordering: .relaxed)
    }

    /// Whether cancellation was requested.
    public var isCancelled: Bool {
        requested.load(ordering: .relaxed)
    }
}
