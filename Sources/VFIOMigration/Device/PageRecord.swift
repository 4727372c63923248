/// The device-internal data format that simulated devices stream during migration.
///
/// Real drivers stream opaque, vendor-defined data; ours is a sequence of records `be32 page index, page bytes,
/// be32 check value` so that a destination device can refuse a corrupted or truncated stream, as a real device
/// refuses state it cannot load.
enum PageRecord {
    /// Bytes a record adds around the page contents.
    static let overhead = 8

    /// The check value of one record: the low 32 bits of FNV-1a over the index and the contents.
    static func checkValue(index: UInt32, contents: ArraySlice<UInt8>) -> UInt32 {
        var hasher = FNV1a()
        hasher.combine(bigEndianBytes(index))
        hasher.combine(contents)
        return UInt32(truncatingIfNeeded: hasher.value)
    }

    /// Appends the record for page `index` holding `contents` to `output`.
    static func append(index: UInt32, contents: ArraySlice<UInt8>, to output: inout [UInt8]) {
        output += bigEndianBytes(index)
        output += contents
        output += bigEndianBytes(checkValue(index: index, contents: contents))
    }

    /// The four big-endian bytes of `value`.
    static func bigEndianBytes(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8(truncatingIfNeeded: value >> 16), UInt8(truncatingIfNeeded: value >> 8),
         UInt8(truncatingIfNeeded: value)]
    }
}
