#if canImport(Glibc)
import Glibc
#endif

/// A byte stream between the two sides of a migration: a connected socket, or a file written now and read later.
///
/// Every blocking call is bounded by the transport's timeout and throws `MigrationError.timedOut` when it expires,
/// so no side can hang on a silent peer.
public protocol Transport: AnyObject {
    /// Sends all of `bytes`.
    func write(_ bytes: UnsafeRawBufferPointer) throws
    /// Receives up to `buffer.count` bytes into `buffer`; returns how many, 0 when the peer closed the stream.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
    /// Sends all bytes of `vectors`, in order (the pieces may be changed on the way).
    func write(gathering vectors: UnsafeMutableBufferPointer<iovec>) throws
    /// Receives up to the bytes `vectors` hold, filling them in order; returns how many, 0 when the peer closed
    /// the stream.
    func read(scattering vectors: UnsafeMutableBufferPointer<iovec>) throws -> Int
    /// Ends the connection in both directions without releasing it, so the peer notices at once.
    func shutdown()
    /// Releases the transport; later calls fail.
    func close()
    /// Whether the transport carries a reply from the destination back to the source.
    var supportsReturnPath: Bool { get }
    /// The moment (CLOCK_MONOTONIC seconds) after which no wait may continue, whatever the per-wait timeout;
    /// `nil` for none.
    var deadline: Double? { get set }
}

extension Transport {
    /// One write per piece, for transports without a gathering call.
    public func write(gathering vectors: UnsafeMutableBufferPointer<iovec>) throws {
        for piece in vectors where piece.iov_len > 0 {
            try write(UnsafeRawBufferPointer(start: piece.iov_base, count: piece.iov_len))
        }
    }

    /// A read into the first piece that has room, for transports without a scattering call.
    public func read(scattering vectors: UnsafeMutableBufferPointer<iovec>) throws -> Int {
        guard let piece = vectors.first(where: { $0.iov_len > 0 }) else { return 0 }
        return try read(into: UnsafeMutableRawBufferPointer(start: piece.iov_base, count: piece.iov_len))
    }

    /// Sends all of `bytes`.
    public func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }

    /// Receives up to `maxBytes`; an empty result means the peer closed the stream.
    public func read(maxBytes: Int) throws -> [UInt8] {
        try [UInt8](unsafeUninitializedCapacity: max(maxBytes, 1)) { buffer, count in
            count = try read(into: UnsafeMutableRawBufferPointer(buffer))
        }
    }
}
