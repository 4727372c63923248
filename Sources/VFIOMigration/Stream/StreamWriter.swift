/// Writes big-endian values to a transport through one buffer that is allocated once and reused (QEMU's
/// `QEMUFile` output), counting the bytes sent and, when asked, keeping the XXH3 digest of everything written.
///
/// Device data is sent from where it lies: a block's framing and record table are built in the buffer and its pages
/// follow them in the same gathering write (``append(upTo:gathering:)``), so no payload byte is copied in user
/// space. The digest is taken over each buffer just before it is sent, while it is hot; the pages sent from
/// elsewhere are not fed to it, because the check values in their record table, which are, cover them.
public final class StreamWriter {
    private let transport: any Transport
    private let buffer: UnsafeMutableRawBufferPointer
    private var count = 0
    /// Bytes of the buffer already fed to the digest.
    private var digestedCount = 0
    private var digest: XXH3?
    /// The pieces of the next gathering write, reused.
    private let pieces = IOVectorList()
    /// Bytes handed to the transport or buffered so far.
    public private(set) var bytesWritten: UInt64 = 0
    /// Bytes fed to the stream digest so far.
    public private(set) var digestedBytes: UInt64 = 0

    /// The buffer's size: one of QEMU's 1 MiB device data blocks plus room for the framing around it.
    public static let capacity = (1 << 20) + (64 << 10)
    /// Buffered bytes above which a value written is followed by a send.
    private static let flushThreshold = 64 << 10

    /// Creates a writer on `transport`; with `digesting`, it keeps the digest of the whole stream.
    public init(transport: any Transport, digesting: Bool = false) {
        self.transport = transport
        buffer = .allocate(byteCount: Self.capacity, alignment: 64)
        if digesting { digest = XXH3() }
    }

    deinit { buffer.deallocate() }

    /// `qemu_put_byte`.
    public func put8(_ value: UInt8) throws {
        try put(value)
    }

    /// `qemu_put_be32`.
    public func put32(_ value: UInt32) throws {
        try put(value.bigEndian)
    }

    /// `qemu_put_be64`.
    public func put64(_ value: UInt64) throws {
        try put(value.bigEndian)
    }

    /// `qemu_put_be64` of a VFIO tag.
    public func put(_ flag: VFIOStreamFlag) throws { try put64(flag.rawValue) }

    private func put<T: FixedWidthInteger>(_ value: T) throws {
        try makeRoom(MemoryLayout<T>.size)
        buffer.baseAddress!.storeBytes(of: value, toByteOffset: count, as: T.self)
        count += MemoryLayout<T>.size
        bytesWritten += UInt64(MemoryLayout<T>.size)
        if count >= Self.flushThreshold { try flush() }
    }

    /// `qemu_put_buffer`.
    public func putBytes(_ bytes: some Collection<UInt8>) throws {
        var rest = bytes[...]
        while !rest.isEmpty {
            try makeRoom(1)
            let room = buffer.count - count
            let piece = rest.prefix(room)
            UnsafeMutableRawBufferPointer(rebasing: buffer[count...]).copyBytes(from: piece)
            count += piece.count
            bytesWritten += UInt64(piece.count)
            rest = rest.dropFirst(piece.count)
        }
        if count >= Self.flushThreshold { try flush() }
    }

    /// Lets `body` build up to `maxCount` bytes in place at the end of the stream and name, in the list it is
    /// given, memory whose bytes follow them in the stream; `body` returns how many bytes it built. When it named
    /// any, everything buffered and the named bytes go out at once in one gathering write, and the named bytes
    /// are left out of the digest (see the type's description).
    public func append(
        upTo maxCount: Int, gathering body: (UnsafeMutableRawBufferPointer, IOVectorList) throws -> Int
    ) throws {
        precondition(maxCount <= buffer.count, "an in-place write of \(maxCount) bytes exceeds the buffer")
        try makeRoom(maxCount)
        pieces.removeAll()
        let written = try body(UnsafeMutableRawBufferPointer(rebasing: buffer[count..<(count + maxCount)]), pieces)
        precondition((0...maxCount).contains(written), "an in-place write claims \(written) of \(maxCount) bytes")
        count += written
        bytesWritten += UInt64(written + pieces.byteCount)
        guard pieces.count > 0 else {
            if count >= Self.flushThreshold { try flush() }
            return
        }
        feedDigest()
        let vectors = pieces.vectors(leading: UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
        count = 0
        digestedCount = 0
        try transport.write(gathering: vectors)
        pieces.removeAll()
    }

    /// The digest of every byte written so far (with `digesting`), without sending anything.
    public func currentDigest() -> UInt64 {
        feedDigest()
        return digest?.value ?? 0
    }

    /// Sends everything buffered.
    public func flush() throws {
        guard count > 0 else { return }
        feedDigest()
        let pending = count
        count = 0
        digestedCount = 0
        try transport.write(UnsafeRawBufferPointer(rebasing: buffer[0..<pending]))
    }

    private func feedDigest() {
        guard let digest, digestedCount < count else { return }
        digest.combine(UnsafeRawBufferPointer(rebasing: buffer[digestedCount..<count]))
        digestedBytes += UInt64(count - digestedCount)
        digestedCount = count
    }

    private func makeRoom(_ needed: Int) throws {
        if buffer.count - count < needed { try flush() }
    }
}
