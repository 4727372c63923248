/// Reads big-endian values from a transport through a buffer (QEMU's `QEMUFile` input); a stream that ends early
/// is reported as truncated, naming what was being read.
public final class StreamReader {
    private let transport: any Transport
    private var buffer: [UInt8] = []
    private var position = 0
    /// Bytes consumed so far.
    public private(set) var bytesRead: UInt64 = 0

    /// Creates a reader on `transport`.
    public init(transport: any Transport) {
        self.transport = transport
    }

    /// `qemu_get_byte`.
    public func get8(_ what: @autoclosure () -> String) throws -> UInt8 {
        try fill(1, what)
        defer { consume(1) }
        return buffer[position]
    }

    /// `qemu_get_be32`.
    public func get32(_ what: @autoclosure () -> String) throws -> UInt32 {
        try fill(4, what)
        defer { consume(4) }
        return buffer[position..<(position + 4)].reduce(0) { $0 << 8 | UInt32($1) }
    }

    /// `qemu_get_be64`.
    public func get64(_ what: @autoclosure () -> String) throws -> UInt64 {
        try fill(8, what)
        defer { consume(8) }
        return buffer[position..<(position + 8)].reduce(0) { $0 << 8 | UInt64($1) }
    }

    /// `qemu_get_buffer` of exactly `count` bytes.
    public func getBytes(_ count: Int, _ what: @autoclosure () -> String) throws -> [UInt8] {
        try fill(count, what)
        defer { consume(count) }
        return Array(buffer[position..<(position + count)])
    }

    private func fill(_ count: Int, _ what: () -> String) throws {
        if buffer.count - position >= count { return }
        buffer.removeFirst(position)
        position = 0
        while buffer.count < count {
            let more = try transport.read(maxBytes: max(64 * 1024, count - buffer.count))
            if more.isEmpty {
                throw MigrationError.truncatedStream(
                    "stream ended while reading \(what()) (needed \(count) bytes, had \(buffer.count))")
            }
            buffer += more
        }
    }

    private func consume(_ count: Int) {
        position += count
        bytesRead += UInt64(count)
    }
}
