/// The data file descriptor a v2 device returns when it enters a saving or resuming state.
///
/// A saving stream yields the device's state through `read`; in PRE_COPY it signals a temporary end with
/// `ENOMSG`, in STOP_COPY the final end with an empty read. A resuming stream accepts state through `write`. The
/// device closes the stream when it leaves the session, after which every call fails with `EBADF`.
public final class V2DataStream {
    /// The direction of a stream.
    public enum Direction: Sendable {
        /// The stream yields device state (PRE_COPY, PRE_COPY_P2P, STOP_COPY).
        case saving
        /// The stream accepts device state (RESUMING).
        case resuming
    }

    /// The direction of this stream.
    public let direction: Direction
    private weak var device: V2Device?
    /// Whether the device still serves this stream.
    public internal(set) var isOpen = true

    init(direction: Direction, device: V2Device) {
        self.direction = direction
        self.device = device
    }

    /// `read()` on the data fd into `buffer`: whole records of device state, as many as fit; 0 at the end of a
    /// STOP_COPY stream.
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(DeviceError) -> Int {
        guard isOpen else { throw .badFileDescriptor }
        guard direction == .saving else { throw .invalidArgument("read on a resuming stream") }
        guard let device else { throw .badFileDescriptor }
        return try device.readStream(into: buffer)
    }

    /// A `read()` on the data fd that leaves the pages where they lie (as `splice` would): writes the record table
    /// (see ``PageRecord``) into `table` and names each page's bytes in `pieces`; returns the bytes the read stands
    /// for (table and pages), at most `maxBytes`.
    public func read(table: UnsafeMutableRawBufferPointer, pieces: IOVectorList, maxBytes: Int) throws(DeviceError)
        -> Int
    {
        guard isOpen else { throw .badFileDescriptor }
        guard direction == .saving else { throw .invalidArgument("read on a resuming stream") }
        guard let device else { throw .badFileDescriptor }
        return try device.readStream(table: table, pieces: pieces, maxBytes: maxBytes)
    }

    /// `read()` on the data fd: up to `maxBytes` of device state (at least one record); empty at the end of a
    /// STOP_COPY stream.
    public func read(maxBytes: Int) throws(DeviceError) -> [UInt8] {
        guard let device else { throw .badFileDescriptor }
        let capacity = max(maxBytes / device.memory.recordSize, 1) * device.memory.recordSize
        var failure: DeviceError?
        let bytes = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
            do throws(DeviceError) {
                count = try read(into: UnsafeMutableRawBufferPointer(buffer))
            } catch {
                failure = error
                count = 0
            }
        }
        if let failure { throw failure }
        return bytes
    }

    /// `write()` on the data fd: hands `bytes` of saved state to a resuming device.
    public func write(_ bytes: UnsafeRawBufferPointer) throws(DeviceError) {
        guard isOpen else { throw .badFileDescriptor }
        guard direction == .resuming else { throw .invalidArgument("write on a saving stream") }
        guard let device else { throw .badFileDescriptor }
        try device.writeStream(bytes)
    }

    /// A `write()` on the data fd fed straight from the migration stream: the block of `size` bytes that one read
    /// on the source returned, its pages received into device memory where they belong.
    ///
    /// - Throws: `DeviceError` for state the device refuses (it is then in ERROR), the reader's error for a stream
    ///   that ends early.
    public func receive(size: Int, from reader: StreamReader) throws {
        guard isOpen else { throw DeviceError.badFileDescriptor }
        guard direction == .resuming else { throw DeviceError.invalidArgument("write on a saving stream") }
        guard let device else { throw DeviceError.badFileDescriptor }
        try device.receiveStream(size: size, from: reader)
    }

    /// `write()` on the data fd: hands `bytes` of saved state to a resuming device.
    public func write(_ bytes: some Collection<UInt8>) throws(DeviceError) {
        try withContiguousBytes(bytes) { (raw) throws(DeviceError) in try write(raw) }
    }

    /// `VFIO_MIG_GET_PRECOPY_INFO`: the initial and dirty bytes left; only valid in PRE_COPY or PRE_COPY_P2P.
    public func precopyInfo() throws(DeviceError) -> (initialBytes: UInt64, dirtyBytes: UInt64) {
        guard isOpen, let device else { throw .badFileDescriptor }
        return try device.precopyInfo()
    }
}
