import CTraceEvents

/// Each thread keeps the storage of its last rendered message, so rendering the next one allocates nothing.
///
/// The storage is taken out of the thread's slot while a message is rendered and delivered, and put back only
/// when nothing else holds it: a backend that kept the record keeps its own copy, and the slot stays empty until
/// the next message (rendered into new storage) comes back.
extension PrintfBuffer {
    /// Storage this large is not kept after a long line: it would stay allocated for the thread's lifetime.
    private static let largestKeptCapacity = 64 * 1024

    /// An empty buffer on the calling thread's kept storage, or on none (the first append allocates).
    static func onThreadStorage() -> PrintfBuffer {
        guard let opaque = ste_thread_scratch_take() else { return PrintfBuffer(reusing: nil) }
        return PrintfBuffer(reusing: Unmanaged<PrintfStorage>.fromOpaque(opaque).takeRetainedValue())
    }

    /// Gives the storage back to the calling thread for its next message, if this buffer holds it alone.
    mutating func keepStorageForThread() {
        guard isKnownUniquelyReferenced(&storage), let kept = storage.take(),
              kept.capacity <= Self.largestKeptCapacity
        else { return }
        count = 0
        let opaque = Unmanaged.passRetained(kept).toOpaque()
        if let refused = ste_thread_scratch_put(opaque, { Unmanaged<PrintfStorage>.fromOpaque($0).release() }) {
            Unmanaged<PrintfStorage>.fromOpaque(refused).release()
        }
    }
}
