/// Writes big-endian values to a transport through a buffer, counting the bytes sent (QEMU's `QEMUFile` output).
public final class StreamWriter {
    private let transport: any Transport
    private var buffer: [UInt8] = []
    private let flushThreshold = 64 * 1024
    /// Bytes handed to the transport or buffered so far.
    public private(set) var bytesWritten: UInt64 = 0

    /// Creates a writer on `transport`.
    public init(transport: any Transport) {
        self.transport = transport
        buffer.reserveCapacity(flushThreshold)
    }

    /// `qemu_put_byte`.
    public func put8(_ value: UInt8) throws {
        buffer.append(value)
        bytesWritten += 1
        try flushIfFull()
    }

    /// `qemu_put_be32`.
    public func put32(_ value: UInt32) throws {
        for shift in stride(from: 24, through: 0, by: -8) { buffer.append(UInt8(truncatingIfNeeded: value >> shift)) }
        bytesWritten += 4
        try flushIfFull()
    }

    /// `qemu_put_be64`.
    public func put64(_ value: UInt64) throws {
        for shift in stride(from: 56, through: 0, by: -8) { buffer.append(UInt8(truncatingIfNeeded: value >> shift)) }
        bytesWritten += 8
        try flushIfFull()
    }

    /// `qemu_put_be64` of a VFIO tag.
    public func put(_ flag: VFIOStreamFlag) throws { try put64(flag.rawValue) }

    /// `qemu_put_buffer`.
    public func putBytes(_ bytes: some Collection<UInt8>) throws {
        buffer += bytes
        bytesWritten += UInt64(bytes.count)
        try flushIfFull()
    }

    /// Sends everything buffered.
    public func flush() throws {
        guard !buffer.isEmpty else { return }
        let pending = buffer
        buffer.removeAll(keepingCapacity: true)
        try transport.write(pending)
    }

    private func flushIfFull() throws {
        if buffer.count >= flushThreshold { try flush() }
    }
}
