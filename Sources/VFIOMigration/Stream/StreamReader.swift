/// Reads big-endian values from a transport through one buffer that is allocated once, never zeroed and reused
/// (QEMU's `QEMUFile` input); a stream that ends early is reported as truncated, naming what was being read.
///
/// Device data is parsed where it was received (``consume(upTo:_:)``), and pages are received straight into device
/// memory (``receive(into:_:)``): small values are read with a short read-ahead, so that the pages after a block's
/// record table mostly stay in the socket until they can be read where they belong. With `digesting`, the reader
/// keeps the XXH3 digest of every byte consumed except those received into memory elsewhere (the writer's
/// counterpart leaves them out too; their check values cover them), fed in bulk from the buffer before it is
/// reused. With `limits`, every receive
/// first checks the whole transfer's deadline and minimum rate.
public final class StreamReader {
    private let transport: any Transport
    private let buffer: UnsafeMutableRawBufferPointer
    private var position = 0
    private var count = 0
    private var digestedPosition = 0
    private let digest: XXH3?
    private let limits: TransferLimits?
    private let startTime: Double
    private var bytesReceived: UInt64 = 0
    /// Bytes small values are read ahead: room for a block's framing and record table.
    static let readAhead = 8 << 10
    /// Bytes consumed so far.
    public private(set) var bytesRead: UInt64 = 0
    /// Bytes fed to the stream digest so far.
    public private(set) var digestedBytes: UInt64 = 0

    /// Creates a reader on `transport`; see the type's description for `digesting` and `limits`.
    public init(transport: any Transport, digesting: Bool = false, limits: TransferLimits? = nil) {
        self.transport = transport
        buffer = .allocate(byteCount: StreamWriter.capacity, alignment: 64)
        digest = digesting ? XXH3() : nil
        self.limits = limits
        startTime = SocketAddress.monotonicSeconds()
        if let limits { transport.deadline = startTime + limits.timeout }
    }

    deinit { buffer.deallocate() }

    /// `qemu_get_byte`.
    public func get8(_ what: @autoclosure () -> String) throws -> UInt8 {
        try get(UInt8.self, what)
    }

    /// `qemu_get_be32`.
    public func get32(_ what: @autoclosure () -> String) throws -> UInt32 {
        UInt32(bigEndian: try get(UInt32.self, what))
    }

    /// `qemu_get_be64`.
    public func get64(_ what: @autoclosure () -> String) throws -> UInt64 {
        UInt64(bigEndian: try get(UInt64.self, what))
    }

    private func get<T: FixedWidthInteger>(_: T.Type, _ what: () -> String) throws -> T {
        try fill(MemoryLayout<T>.size, readAhead: Self.readAhead, what)
        let value = UnsafeRawPointer(buffer.baseAddress! + position).loadUnaligned(as: T.self)
        consume(MemoryLayout<T>.size)
        return value
    }

    /// `qemu_get_buffer` of exactly `count` bytes (at most the buffer's capacity).
    public func getBytes(_ count: Int, _ what: @autoclosure () -> String) throws -> [UInt8] {
        try fill(count, readAhead: count, what)
        defer { consume(count) }
        return Array(UnsafeRawBufferPointer(rebasing: buffer[position..<(position + count)]))
    }

    /// Hands `body` the next bytes of the stream in place, at least one and at most `maxCount`, and consumes them;
    /// returns how many.
    public func consume(
        upTo maxCount: Int, _ what: @autoclosure () -> String, _ body: (UnsafeRawBufferPointer) throws -> Void
    ) throws -> Int {
        try fill(1, readAhead: maxCount, what)
        let taken = min(maxCount, count - position)
        try body(UnsafeRawBufferPointer(rebasing: buffer[position..<(position + taken)]))
        consume(taken)
        return taken
    }

    /// Fills the pieces of `pieces` with the next bytes of the stream, in order: first from what the buffer holds,
    /// then with scattering reads straight from the transport. The bytes are consumed but not digested (see the
    /// type's description). Returns how many came from the buffer (copied in user space).
    public func receive(into pieces: IOVectorList, _ what: @autoclosure () -> String) throws -> Int {
        feedDigest()
        var vectors = pieces.vectors
        let total = pieces.byteCount
        var copied = 0
        while copied < total && position < count {
            let piece = vectors[vectors.startIndex]
            let take = min(piece.iov_len, count - position)
            piece.iov_base!.copyMemory(from: buffer.baseAddress! + position, byteCount: take)
            position += take
            copied += take
            vectors = IOVectorList.dropping(take, from: vectors)
        }
        digestedPosition = position
        bytesRead += UInt64(total)
        var missing = total - copied
        while missing > 0 {
            let more = try readFromTransport(
                { "stream ended while reading \(what()) (\(missing) of \(total) bytes missing)" }
            ) { try transport.read(scattering: vectors) }
            missing -= more
            vectors = IOVectorList.dropping(more, from: vectors)
        }
        return copied
    }

    /// The digest of every byte consumed so far (with `digesting`).
    public func currentDigest() -> UInt64 {
        feedDigest()
        return digest?.value ?? 0
    }

    /// Makes `needed` bytes available, reading at most `readAhead` bytes (or `needed`) beyond the position.
    private func fill(_ needed: Int, readAhead: Int, _ what: () -> String) throws {
        if count - position >= needed { return }
        precondition(needed <= buffer.count, "a read of \(needed) bytes exceeds the stream buffer")
        if position > 0 {
            feedDigest()
            let kept = count - position
            if kept > 0 { buffer.baseAddress!.copyMemory(from: buffer.baseAddress! + position, byteCount: kept) }
            count = kept
            position = 0
            digestedPosition = 0
        }
        let end = min(buffer.count, position + max(needed, readAhead))
        while count < needed {
            let more = try readFromTransport(
                { "stream ended while reading \(what()) (needed \(needed) bytes, had \(count))" }
            ) { try transport.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[count..<end])) }
            count += more
        }
    }

    /// One `read` from the transport, after the transfer's deadline and minimum rate are checked; returns the
    /// bytes it received, and throws the `truncated` message when the stream ended instead.
    private func readFromTransport(_ truncated: () -> String, _ read: () throws -> Int) throws -> Int {
        try limits?.check(received: bytesReceived, elapsed: SocketAddress.monotonicSeconds() - startTime)
        let more = try read()
        if more == 0 { throw MigrationError.truncatedStream(truncated()) }
        bytesReceived += UInt64(more)
        return more
    }

    private func feedDigest() {
        guard let digest, digestedPosition < position else { return }
        digest.combine(UnsafeRawBufferPointer(rebasing: buffer[digestedPosition..<position]))
        digestedBytes += UInt64(position - digestedPosition)
        digestedPosition = position
    }

    private func consume(_ taken: Int) {
        position += taken
        bytesRead += UInt64(taken)
    }
}
