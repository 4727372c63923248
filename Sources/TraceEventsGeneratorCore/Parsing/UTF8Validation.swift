/// Whether bytes are valid UTF-8, checked in place: ASCII eight bytes at a time, and only the lines that hold
/// other bytes decoded (a newline never occurs inside a multi-byte sequence, so lines are valid on their own).
enum UTF8Validation {
    /// Whether `bytes` are valid UTF-8.
    static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let raw = UnsafeRawPointer(base)
        var index = 0
        while index < bytes.count {
            if index + 8 <= bytes.count, raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                index += 8
                continue
            }
            guard bytes[index] >= 0x80 else {
                index += 1
                continue
            }
            var start = index
            while start > 0, bytes[start - 1] != UInt8(ascii: "\n") { start -= 1 }
            var end = index
            while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
            guard String(validating: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self) != nil else {
                return false
            }
            index = end
        }
        return true
    }
}
