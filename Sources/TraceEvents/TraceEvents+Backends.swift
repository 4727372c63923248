import CTraceEvents

/// The backends every enabled event goes to, read on each event and changed almost never.
private let installedBackends = ReadMostly<[any TraceBackend]>([])

extension TraceEvents {
    /// The backends every enabled event goes to.
    public static var backends: [any TraceBackend] {
        get { installedBackends.read() }
        set { installedBackends.update { $0 = newValue } }
    }

    /// Adds a backend next to those already installed.
    public static func addBackend(_ backend: any TraceBackend) {
        installedBackends.update { $0.append(backend) }
    }

    /// Writes out what every installed backend buffered (the simple backend's file), as QEMU's
    /// `trace-file flush`; backends that buffer also write out at exit.
    public static func flush() {
        for backend in installedBackends.read() {
            backend.flush()
        }
    }

    /// Delivers one event to every installed backend, stamping it once with the time and thread.
    static func deliver(event: TraceEvent, arguments: [TraceValue], message: consuming PrintfBuffer) {
        let backends = installedBackends.read()
        guard !backends.isEmpty else { return }
        var seconds: Int64 = 0
        var nanoseconds: Int32 = 0
        ste_realtime_now(&seconds, &nanoseconds)
        let record = TraceRecord(
            event: event, arguments: arguments, message: message,
            timestamp: TraceTimestamp(seconds: seconds, nanoseconds: nanoseconds), threadID: ste_thread_id())
        for backend in backends {
            backend.record(record)
        }
    }
}
