/// The proof that a stream arrived whole, written after `QEMU_VM_EOF`: the engine's addition to QEMU's layout,
/// in the place where QEMU itself appends its JSON VM description (`QEMU_VM_VMDESCRIPTION`) to saved streams, so
/// every byte QEMU's loader reads keeps QEMU's format.
///
/// Layout (big-endian): `be32 magic "STED"`, `be32 version 1`, `be32 sections`, `be64 bytes`, `be64 digest`:
/// the number of sections before `QEMU_VM_EOF`, the stream's length up to and including `QEMU_VM_EOF`, and
/// XXH3-64 (seed 0) of those bytes except the pages of device data blocks: each page is covered by its check value
/// in the block's record table, which the digest covers, so neither side hashes a page twice. A replayed, reordered, missing or altered section changes the digest even
/// where each record's own check value still holds, so the destination refuses it before any device runs, in
/// file mode as on sockets.
struct StreamTrailer: Equatable {
    static let magic: UInt32 = 0x5354_4544  // "STED"
    static let version: UInt32 = 1

    /// Sections written before `QEMU_VM_EOF`.
    var sections: UInt32
    /// Bytes of stream before the trailer.
    var bytes: UInt64
    /// XXH3-64 of those bytes, pages left out.
    var digest: UInt64

    /// Writes the trailer for everything `writer` wrote so far (a digesting writer) and flushes.
    static func write(sections: UInt32, to writer: StreamWriter) throws {
        let trailer = StreamTrailer(sections: sections, bytes: writer.bytesWritten, digest: writer.currentDigest())
        try writer.put32(magic)
        try writer.put32(version)
        try writer.put32(trailer.sections)
        try writer.put64(trailer.bytes)
        try writer.put64(trailer.digest)
        try writer.flush()
    }

    /// Reads the trailer and checks it against what `reader` (a digesting reader) consumed and the `sections` it
    /// counted; throws a message naming what differs.
    static func verify(sections: UInt32, from reader: StreamReader) throws {
        let expected = StreamTrailer(sections: sections, bytes: reader.bytesRead, digest: reader.currentDigest())
        let magic = try reader.get32("stream trailer magic")
        guard magic == Self.magic else {
            throw MigrationError.malformedStream("no stream trailer after the end of the stream (found 0x\(String(magic, radix: 16)))")
        }
        let version = try reader.get32("stream trailer version")
        guard version == Self.version else {
            throw MigrationError.malformedStream("unsupported stream trailer version \(version)")
        }
        let found = StreamTrailer(
            sections: try reader.get32("stream trailer section count"), bytes: try reader.get64("stream trailer length"),
            digest: try reader.get64("stream trailer digest"))
        guard found.sections == expected.sections else {
            throw MigrationError.malformedStream(
                "the source wrote \(found.sections) sections, \(expected.sections) arrived (sections missing or replayed)")
        }
        guard found.bytes == expected.bytes else {
            throw MigrationError.malformedStream("the source wrote \(found.bytes) bytes, \(expected.bytes) arrived")
        }
        guard found.digest == expected.digest else {
            throw MigrationError.malformedStream(
                "the stream's digest 0x\(String(expected.digest, radix: 16)) differs from the source's "
                    + "0x\(String(found.digest, radix: 16)) (sections altered, reordered or replayed)")
        }
    }
}
