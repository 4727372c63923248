/// The device-internal data format that simulated devices stream during migration.
///
/// Real drivers stream opaque, vendor-defined data; ours lets a destination device refuse a corrupted, truncated
/// or misplaced record, as a real device refuses state it cannot load. One read of the data stream (one
/// `DEV_DATA_STATE` block) holds `n` whole records: first the record table, `n` entries of `be64 check value,
/// be32 page index`, then the `n` pages' bytes in the table's order. `n` follows from the read's size, a multiple
/// of ``DeviceMemory/recordSize``. Putting the table first lets the pages go out of and into device memory without
/// a copy in user space: the source sends them from where they lie, the destination knows from the table where each
/// belongs before it arrives.
///
/// The check value is XXH3-64 of the page bytes seeded with the page index: a record moved to another page fails
/// it, and it is also the page's digest in a ``DeviceSnapshot``, so neither side hashes a page twice.
enum PageRecord {
    /// Bytes a record adds to the page contents: its table entry.
    static let overhead = 12

    /// The check value of page `index` holding `contents`.
    static func checkValue(index: UInt32, contents: UnsafeRawBufferPointer) -> UInt64 {
        XXH3.hash(contents, seed: UInt64(index))
    }

    /// Stores entry `ordinal` of the record table at `table`.
    static func storeEntry(_ ordinal: Int, index: UInt32, check: UInt64, in table: UnsafeMutableRawPointer) {
        table.storeBytes(of: check.bigEndian, toByteOffset: ordinal * overhead, as: UInt64.self)
        table.storeBytes(of: index.bigEndian, toByteOffset: ordinal * overhead + 8, as: UInt32.self)
    }

    /// Entry `ordinal` of the record table at `table`.
    static func entry(_ ordinal: Int, in table: UnsafeRawPointer) -> (index: UInt32, check: UInt64) {
        (
            UInt32(bigEndian: table.loadUnaligned(fromByteOffset: ordinal * overhead + 8, as: UInt32.self)),
            UInt64(bigEndian: table.loadUnaligned(fromByteOffset: ordinal * overhead, as: UInt64.self))
        )
    }
}
