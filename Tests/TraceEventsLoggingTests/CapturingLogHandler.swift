import Logging
import Synchronization

/// A log handler that keeps every event it receives, for exact comparison.
struct CapturingLogHandler: LogHandler {
    final class Store: Sendable {
        let events = Mutex<[LogEvent]>([])
    }

    let store: Store
    var logLevel: Logger.Level = .trace
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        store.events.withLock { $0.append(event) }
    }
}
