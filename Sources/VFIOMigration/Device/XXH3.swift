import CXXHash

/// XXH3-64 from the system's xxHash library: the check value of every page record, the page digests that state
/// comparisons use, and the digest of a whole migration stream.
///
/// Not cryptographic: it notices accidental corruption, truncation and replay, as a CRC would, at memory speed
/// (on x86-64 the library's dispatching entry points pick AVX-512 or AVX2 at run time).
public final class XXH3 {
    private let state: OpaquePointer

    /// Creates a streaming hasher with seed 0.
    public init() {
        guard let state = XXH3_createState() else { fatalError("XXH3_createState: out of memory") }
        XXH3_64bits_reset(state)
        self.state = state
    }

    deinit { XXH3_freeState(state) }

    /// Feeds `bytes` into the hash.
    public func combine(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        #if arch(x86_64)
        XXH3_64bits_update_dispatch(state, base, bytes.count)
        #else
        XXH3_64bits_update(state, base, bytes.count)
        #endif
    }

    /// Feeds the eight little-endian bytes of `value` into the hash.
    public func combine(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { combine($0) }
    }

    /// The hash of everything fed so far (feeding may continue).
    public var value: UInt64 { XXH3_64bits_digest(state) }

    /// The hash of `bytes` with `seed`.
    public static func hash(_ bytes: UnsafeRawBufferPointer, seed: UInt64 = 0) -> UInt64 {
        #if arch(x86_64)
        XXH3_64bits_withSeed_dispatch(bytes.baseAddress, bytes.count, seed)
        #else
        XXH3_64bits_withSeed(bytes.baseAddress, bytes.count, seed)
        #endif
    }

    /// The hash of `bytes` with `seed`.
    public static func hash(_ bytes: [UInt8], seed: UInt64 = 0) -> UInt64 {
        bytes.withUnsafeBytes { hash($0, seed: seed) }
    }
}
