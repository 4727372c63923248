#if canImport(Glibc)
import Glibc
#endif

/// This process's peak resident memory (`VmHWM` in `/proc/self/status`), the figure behind "about one copy of
/// the device state per side".
public enum PeakResidentMemory {
    /// The peak resident set in bytes, or `nil` when `/proc` cannot tell.
    public static func bytes() -> UInt64? { statusBytes("VmHWM:") }

    /// The resident set now in bytes (`VmRSS`), or `nil` when `/proc` cannot tell: what a peak is measured from.
    public static func currentBytes() -> UInt64? { statusBytes("VmRSS:") }

    /// A `/proc/self/status` field given in kB, in bytes.
    private static func statusBytes(_ field: String) -> UInt64? {
        guard let file = fopen("/proc/self/status", "r") else { return nil }
        defer { fclose(file) }
        var line = [CChar](repeating: 0, count: 256)
        while fgets(&line, Int32(line.count), file) != nil {
            let text = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            guard text.hasPrefix(field) else { continue }
            let kilobytes = text.dropFirst(field.count).split(whereSeparator: { $0 == " " || $0 == "\t" }).first
                .flatMap { UInt64($0) }
            return kilobytes.map { $0 * 1024 }
        }
        return nil
    }

    /// Starts a new peak at the current resident set (Linux's `clear_refs` value 5); false when refused.
    @discardableResult
    public static func reset() -> Bool {
        guard let file = fopen("/proc/self/clear_refs", "w") else { return false }
        defer { fclose(file) }
        return fputs("5", file) >= 0
    }
}
