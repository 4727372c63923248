import PrintableText

/// The destination's answer on the return path: either the snapshots of the devices it loaded and started, or why
/// it failed. The source compares the snapshots with its own to prove the state arrived intact.
public enum DestinationReply: Sendable, Equatable {
    /// The destination loaded and started every device; their snapshots.
    case loaded([DeviceSnapshot])
    /// The destination could not load the stream.
    case failed(String)

    static let magic: UInt32 = 0x5652_4550  // "VREP"
    /// The byte the source sends after a `loaded` reply to let the destination run.
    static let goAhead: UInt8 = 0x01

    /// Writes the reply.
    func write(to writer: StreamWriter) throws {
        try writer.put32(Self.magic)
        switch self {
        case .loaded(let snapshots):
            try writer.put8(0)
            try writer.put32(UInt32(snapshots.count))
            for snapshot in snapshots {
                let name = Array(snapshot.name.utf8)
                try writer.put32(UInt32(name.count))
                try writer.putBytes(name)
                try writer.put32(UInt32(snapshot.pageDigests.count))
                for digest in snapshot.pageDigests { try writer.put64(digest) }
                try writer.put64(snapshot.configDigest)
            }
        case .failed(let message):
            let bytes = Array(message.utf8.prefix(4096))
            try writer.put8(1)
            try writer.put32(UInt32(bytes.count))
            try writer.putBytes(bytes)
        }
        try writer.flush()
    }

    /// Reads a reply, refusing anything malformed.
    static func read(from reader: StreamReader) throws -> DestinationReply {
        guard try reader.get32("reply magic") == magic else {
            throw MigrationError.malformedStream("the destination's reply has a bad magic number")
        }
        switch try reader.get8("reply status") {
        case 0:
            let count = try reader.get32("reply device count")
            guard count <= 64 else { throw MigrationError.malformedStream("reply names \(count) devices") }
            var snapshots: [DeviceSnapshot] = []
            for _ in 0..<count {
                let nameLength = try reader.get32("reply device name length")
                guard nameLength <= 256 else { throw MigrationError.malformedStream("reply device name too long") }
                let name = String(decoding: try reader.getBytes(Int(nameLength), "reply device name"), as: UTF8.self)
                let pages = try reader.get32("reply page count")
                guard pages <= 1 << 20 else { throw MigrationError.malformedStream("reply names \(pages) pages") }
                var digests: [UInt64] = []
                for _ in 0..<pages { digests.append(try reader.get64("reply page digest")) }
                let config = try reader.get64("reply config digest")
                snapshots.append(DeviceSnapshot(name: name, pageDigests: digests, configDigest: config))
            }
            return .loaded(snapshots)
        case 1:
            let length = try reader.get32("reply message length")
            guard length <= 4096 else { throw MigrationError.malformedStream("reply message too long") }
            // The peer's text, shown to a person: escaped and bounded like every message.
            let message = try reader.getBytes(Int(length), "reply message")
            return .failed(PrintableText.excerpt(bytes: message, limit: 4 * PrintableText.defaultLimit))
        case let status:
            throw MigrationError.malformedStream("the destination's reply has unknown status \(status)")
        }
    }
}
