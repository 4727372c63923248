/// The device-internal data format that simulated devices stream during migration.
///
/// Real drivers stream opaque, vendor-defined data; ours is a sequence of records `be32 page index, page bytes,
/// be64 check value` so that a destination device can refuse a corrupted, truncated or misplaced record, as a real
/// device refuses state it cannot load. The check value is XXH3-64 of the page bytes seeded with the page index:
/// a record moved to another page fails it, and it is also the page's digest in a ``DeviceSnapshot``, so neither
/// side hashes a page twice.
enum PageRecord {
    /// Bytes a record adds around the page contents.
    static let overhead = 12
    /// Bytes before the page contents.
    static let headerSize = 4

    /// The check value of page `index` holding `contents`.
    static func checkValue(index: UInt32, contents: UnsafeRawBufferPointer) -> UInt64 {
        XXH3.hash(contents, seed: UInt64(index))
    }

    /// Writes the record for page `index`, copied from `contents`, at `destination` (which has room for
    /// `contents.count + overhead` bytes); returns the check value.
    static func write(index: UInt32, contents: UnsafeRawBufferPointer, to destination: UnsafeMutableRawPointer)
        -> UInt64
    {
        destination.storeBytes(of: index.bigEndian, toByteOffset: 0, as: UInt32.self)
        let payload = destination + headerSize
        payload.copyMemory(from: contents.baseAddress!, byteCount: contents.count)
        // Hash the copy just written, while it is in cache, rather than the device memory it came from.
        let check = checkValue(index: index, contents: UnsafeRawBufferPointer(start: payload, count: contents.count))
        destination.storeBytes(of: check.bigEndian, toByteOffset: headerSize + contents.count, as: UInt64.self)
        return check
    }

    /// The page index of the record at `record`.
    static func index(of record: UnsafeRawPointer) -> UInt32 {
        UInt32(bigEndian: record.loadUnaligned(as: UInt32.self))
    }

    /// The check value of the record at `record` with `pageSize` bytes of contents.
    static func storedCheck(of record: UnsafeRawPointer, pageSize: Int) -> UInt64 {
        UInt64(bigEndian: record.loadUnaligned(fromByteOffset: headerSize + pageSize, as: UInt64.self))
    }
}
