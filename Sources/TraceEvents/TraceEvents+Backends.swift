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

    /// Stamps `record` with the time and thread, once for all backends, and hands it to every backend of `list`.
    @inline(__always)
    static func deliver(_ record: inout TraceRecord, to list: BackendList) {
        ste_realtime_now(&record.timestamp.seconds, &record.timestamp.nanoseconds)
        record.threadID = ste_thread_id()
        list.backends.withUnsafeBufferPointer { backends in
            for index in backends.indices {
                backends[index].record(record)
            }
        }
    }
}
