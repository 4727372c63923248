#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The lines of a `trace-events` file's bytes, walked in place: no array of lines, no copy of the file, so a
/// 100 MB file costs one pass and a 1 MB line nothing more than its own bytes.
struct TraceEventsLines {
    /// The file's bytes.
    let bytes: UnsafeBufferPointer<UInt8>

    /// Calls `body` with each line (without its `\n`) and its 1-based number; a piece after the last newline
    /// is a line, an empty piece there is not. Returns the number of lines.
    @discardableResult
    func forEach(_ body: (_ line: UnsafeBufferPointer<UInt8>, _ number: Int) throws -> Void) rethrows -> Int {
        var number = 0
        var start = 0
        while start < bytes.count {
            let end = Self.newline(in: bytes, from: start) ?? bytes.count
            number += 1
            try body(UnsafeBufferPointer(rebasing: bytes[start..<end]), number)
            start = end + 1
        }
        return number
    }

    /// Whether the last line lacks its newline, and if so its length: QEMU 4.0 and later reject such a file.
    var unterminatedLastLineLength: Int? {
        guard let last = bytes.last, last != UInt8(ascii: "\n") else { return nil }
        var start = bytes.count
        while start > 0, bytes[start - 1] != UInt8(ascii: "\n") { start -= 1 }
        return bytes.count - start
    }

    /// The index of the next `\n` at or after `start` (memchr, which scans a word at a time).
    private static func newline(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard let base = bytes.baseAddress,
            let found = memchr(base + start, Int32(UInt8(ascii: "\n")), bytes.count - start)
        else { return nil }
        return UnsafeRawPointer(found).assumingMemoryBound(to: UInt8.self) - base
    }
}
