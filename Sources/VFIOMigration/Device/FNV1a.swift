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
        for byte in bytes {
            value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
    }

    /// The hash of `bytes`.
    public static func hash<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> UInt64 {
        var hasher = FNV1a()
        hasher.combine(bytes)
        return hasher.value
    }
}
