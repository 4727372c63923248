import CTraceEvents

/// The backends every enabled event goes to, read on each event and changed almost never.
let installedBackends = InstalledBackends()

extension TraceEvents {
    /// The backends every enabled event goes to.
    ///
    /// Setting them returns once no event is being delivered to a backend that was removed, so a removed backend
    /// (and, for the stderr backend, its descriptor) is released by then unless the program holds it.
    public static var backends: [any TraceBackend] {
        get { installedBackends.backends }
        set { installedBackends.update { $0 = newValue } }
    }

    /// Adds a backend next to those already installed.
    public static func addBackend(_ backend: any TraceBackend) {
        installedBackends.update { $0.append(backend) }
    }

    /// Writes out what every installed backend buffered (the simple backend's file), as QEMU's
    /// `trace-file flush`; backends that buffer also write out at exit.
    public static func flush() {
        for backend in installedBackends.backends {
            backend.flush()
        }
    }

    /// Stamps a record of `event` with the time and thread, once for all backends, and hands it to every backend of
    /// `list`.
    ///
    /// The message moves into the record and back out (swapped, not copied), so the caller finds its storage
    /// unshared afterwards and can reuse it for the next event.
    @inline(__always)
    static func deliver(
        _ event: TraceEvent, arguments: [TraceValue], message: inout PrintfBuffer, to list: BackendList
    ) {
        var seconds: Int64 = 0
        var nanoseconds: Int32 = 0
        ste_realtime_now(&seconds, &nanoseconds)
        var record = TraceRecord(
            event: event, arguments: arguments, message: PrintfBuffer(reusing: nil),
            timestamp: TraceTimestamp(seconds: seconds, nanoseconds: nanoseconds), threadID: ste_thread_id())
        swap(&record.message, &message)
        list.deliver(record)
        swap(&record.message, &message)
    }
}
