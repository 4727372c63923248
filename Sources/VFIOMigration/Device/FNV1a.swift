/// The 64-bit FNV-1a hash, used for page digests and record check values.
///
/// Not cryptographic; it only has to notice accidental corruption and compare two copies of a device's state.
public struct FNV1a: Sendable {
    /// The hash of the bytes fed so far.
    public private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    /// Creates a hasher in its initial state.
    public init() {}

    /// Feeds `bytes` into the hash.
    public mutating func combine<Bytes: Sequence<UInt8>>(_ bytes: Bytes) {
        // Contiguous bytes skip the generic iterator, which dominates in debug builds: the destination hashes
        // every page inside the demo's downtime window.
        if let folded = bytes.withContiguousStorageIfAvailable({ Self.fold(value, $0) }) {
            value = folded
            return
        }
        for byte in bytes {
            value = (value ^ UInt64(byte)) &* Self.prime
        }
    }

    private static let prime: UInt64 = 0x0000_0100_0000_01b3

    private static func fold(_ start: UInt64, _ buffer: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var value = start
        for byte in buffer {
            value = (value ^ UInt64(byte)) &* prime
        }
        return value
    }

    /// The hash of `bytes`.
    public static func hash<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> UInt64 {
        var hasher = FNV1a()
        hasher.combine(bytes)
        return hasher.value
    }
}
