#if canImport(Glibc)
import Glibc
#endif
import CTraceEvents
import Foundation
import TraceEvents

/// A `TraceBackend` that keeps the events fired on the threads registered with it, per migration side.
///
/// Backends are process-wide and other tests migrate at the same time, so events are attributed by the kernel
/// thread id each side registers when its thread starts (the engine fires every event on the side's thread).
final class RecordingTraceBackend: TraceBackend, @unchecked Sendable {
    private let lock = NSLock()
    private var sides: [Int32: MigrationSide] = [:]
    private var events: [MigrationSide: [TracedEvent]] = [:]

    /// Attributes the events of the calling thread to `side` from now on.
    func registerCurrentThread(as side: MigrationSide) {
        let tid = ste_thread_id()
        lock.withLock { sides[tid] = side }
    }

    func record(_ record: TraceRecord) {
        lock.withLock {
            guard let side = sides[record.threadID] else { return }
            events[side, default: []].append(TracedEvent(record))
        }
    }

    /// What `side` fired, in order.
    func events(of side: MigrationSide) -> [TracedEvent] {
        lock.withLock { events[side] ?? [] }
    }
}

/// Runs `body` with every event of the root trace-events file on and `backend` installed, then turns them off.
///
/// Only this package's vfio_migration events are switched, so the runtime's own tests (with their own events)
/// are not disturbed.
func withMigrationTracing<T>(_ backend: RecordingTraceBackend, _ body: () async throws -> T) async rethrows -> T {
    let events = migrationTraceEvents()
    for event in events { _ = TraceEvents.enable(event.name) }
    TraceEvents.addBackend(backend)
    defer {
        TraceEvents.backends = TraceEvents.backends.filter { ($0 as? RecordingTraceBackend) !== backend }
        for event in events { _ = TraceEvents.disable(event.name) }
    }
    return try await body()
}

/// The events the generated provider of the root `trace-events` registered.
func migrationTraceEvents() -> [TraceEvent] {
    TraceEvents.groups.filter { $0.file.hasSuffix("trace-events") && $0.events.contains { $0.name == "vfio_save_setup" } }
        .flatMap(\.events)
}
