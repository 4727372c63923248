/// A destination for trace events: the stderr backend, or anything a program adds (e.g. a bridge to swift-log).
///
/// Modelled on swift-log's `LogHandler`: one requirement, and `Sendable` because events arrive on whatever thread
/// fires them, concurrently. ``TraceEvents/bootstrap(_:)`` installs the backends; any number can be on at once,
/// and each receives every event whose dynamic state is on. The LTTng-UST backend is not one of these: it lives
/// in the generated C providers and LTTng's own session daemon turns its events on.
///
/// A backend must not block for long and must not fire trace events itself (it would recurse).
public protocol TraceBackend: Sendable {
    /// Receives one event that fired.
    func record(_ record: TraceRecord)

    /// Writes out whatever the backend buffered (``TraceEvents/flush()`` calls it); returns when it is out.
    func flush()
}

extension TraceBackend {
    /// Nothing to write out: the backend buffers nothing.
    public func flush() {}
}
