/// A destination for trace events: the stderr backend, or anything a program adds (e.g. a bridge to swift-log).
///
/// Modelled on swift-log's `LogHandler`: one requirement, and `Sendable` because events arrive on whatever thread
/// fires them, concurrently. ``TraceEvents/bootstrap(_:)`` installs the backends; any number can be on at once,
/// and each receives every event whose dynamic state is on. The LTTng-UST backend is not one of these: it lives
/// in the generated C providers and LTTng's own session daemon turns its events on.
///
/// A backend must not block for long, must not fire trace events itself (it would recurse) and must not change
/// ``TraceEvents/backends`` from ``record(_:)`` (the change waits for every delivery in progress to finish).
public protocol TraceBackend: Sendable {
    /// Receives one event that fired.
    func record(_ record: TraceRecord)

    /// Whether this backend reads ``TraceRecord/arguments``. When no installed backend does, generated code does
    /// not build the arguments at all and records carry an empty array (see ``needsMessage`` for the message).
    /// The default is `true`; a backend that uses only the message (as the stderr backend) says `false`.
    var needsArguments: Bool { get }

    /// Whether this backend reads ``TraceRecord/message``. When no installed backend does, generated code does not
    /// render the message at all and records carry an empty one. The default is `true`; a backend that encodes
    /// only the arguments (as the simple backend) says `false`.
    var needsMessage: Bool { get }

    /// Writes out whatever the backend buffered (``TraceEvents/flush()`` calls it); returns when it is out.
    func flush()
}

extension TraceBackend {
    /// Arguments are delivered unless the backend says it does not read them.
    public var needsArguments: Bool { true }

    /// The message is rendered unless the backend says it does not read it.
    public var needsMessage: Bool { true }

    /// Nothing to write out: the backend buffers nothing.
    public func flush() {}
}
