#if canImport(Glibc)
import Glibc
#endif

/// The pieces of memory one gathering write sends or one scattering read fills, in stream order: an `iovec`
/// array allocated once and reused, with adjacent pieces merged, so that pages sent from or received into device
/// memory cross the socket without a copy in user space.
///
/// Slot 0 is kept free for the stream buffer's bytes that go before the pieces (``vectors(leading:)``).
public final class IOVectorList {
    /// Pieces a list holds: Linux's `IOV_MAX` less the leading slot.
    public static let capacity = 1023

    private let storage: UnsafeMutablePointer<iovec>
    /// Pieces held (after merging).
    public private(set) var count = 0
    /// Bytes the pieces hold.
    public private(set) var byteCount = 0

    /// An empty list.
    public init() {
        storage = .allocate(capacity: Self.capacity + 1)
        storage.initialize(repeating: iovec(), count: Self.capacity + 1)
    }

    deinit { storage.deallocate() }

    /// Adds `length` bytes at `base` after the last piece (merged with it when they touch); `false` when the list
    /// is full and the piece was not added.
    public func append(_ base: UnsafeRawPointer, _ length: Int) -> Bool {
        if count > 0, storage[count].iov_base.map({ UnsafeRawPointer($0) + storage[count].iov_len }) == base {
            storage[count].iov_len += length
        } else {
            guard count < Self.capacity else { return false }
            count += 1
            storage[count] = iovec(iov_base: UnsafeMutableRawPointer(mutating: base), iov_len: length)
        }
        byteCount += length
        return true
    }

    /// Empties the list.
    public func removeAll() {
        count = 0
        byteCount = 0
    }

    /// The pieces, without the leading slot.
    public var vectors: UnsafeMutableBufferPointer<iovec> {
        UnsafeMutableBufferPointer(start: storage + 1, count: count)
    }

    /// `leading` followed by the pieces.
    public func vectors(leading: UnsafeRawBufferPointer) -> UnsafeMutableBufferPointer<iovec> {
        storage[0] = iovec(iov_base: UnsafeMutableRawPointer(mutating: leading.baseAddress), iov_len: leading.count)
        return UnsafeMutableBufferPointer(start: storage, count: count + 1)
    }

    /// `vectors` without their first `bytes` bytes (a partial send or receive): whole pieces dropped, the next
    /// one shortened in place.
    public static func dropping(_ bytes: Int, from vectors: UnsafeMutableBufferPointer<iovec>)
        -> UnsafeMutableBufferPointer<iovec>
    {
        var start = vectors.startIndex
        var left = bytes
        while start < vectors.endIndex && vectors[start].iov_len <= left {
            left -= vectors[start].iov_len
            start += 1
        }
        if left > 0, start < vectors.endIndex {
            vectors[start].iov_base = vectors[start].iov_base.map { $0 + left }
            vectors[start].iov_len -= left
        }
        return UnsafeMutableBufferPointer(rebasing: vectors[start...])
    }
}
