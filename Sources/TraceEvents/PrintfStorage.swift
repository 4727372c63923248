/// The bytes of a ``PrintfBuffer``: shared by copies of the buffer, written only through a buffer that holds it
/// alone (copy on write, as `Array`'s storage).
final class PrintfStorage: @unchecked Sendable {
    // @unchecked: the bytes are mutated only while one buffer references the storage uniquely, which
    // isKnownUniquelyReferenced checks before every write; shared storage is only read.

    /// The first byte; `capacity` bytes are allocated, the buffer's `count` of them initialized.
    let base: UnsafeMutablePointer<UInt8>
    /// How many bytes fit.
    let capacity: Int

    init(capacity: Int) {
        base = .allocate(capacity: capacity)
        self.capacity = capacity
    }

    deinit {
        base.deallocate()
    }
}
