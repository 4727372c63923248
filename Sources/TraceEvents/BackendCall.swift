/// One installed backend, called in place on every event.
///
/// Calling a requirement on an `any TraceBackend` read from an array copies the existential first (a retain and a
/// release of the backend's references, per backend and event). A box holds the backend in an immutable stored
/// property of a concrete type, which Swift calls without copying; the list reaches each box through an unretained
/// reference, so the call costs one virtual dispatch and no reference counting.
class BackendCall: @unchecked Sendable {
    // @unchecked: immutable; the subclass's only state is a `let` of a Sendable backend.

    /// Wraps `backend` in a box of its concrete type.
    static func wrapping(_ backend: any TraceBackend) -> BackendCall {
        func box<Backend: TraceBackend>(_ backend: Backend) -> BackendCall { TypedBackendCall(backend) }
        return box(backend)
    }

    /// Hands the record to the backend.
    func record(_ record: TraceRecord) {
        preconditionFailure("BackendCall is abstract; wrapping(_:) makes the concrete box")
    }
}

/// The box of one concrete backend type.
private final class TypedBackendCall<Backend: TraceBackend>: BackendCall, @unchecked Sendable {
    let backend: Backend

    init(_ backend: Backend) {
        self.backend = backend
    }

    override func record(_ record: TraceRecord) {
        backend.record(record)
    }
}
