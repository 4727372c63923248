/// How many times one side's own code touched the device state it moved, counted by the code that does it: every
/// copy of page contents, every page hash and every byte the stream digest covers.
///
/// Counted per page or per buffer, never per byte, so the counts cost nothing measurable; they let a test prove
/// that the number of passes over the payload does not grow, which a timing could not prove on a shared machine.
public struct PayloadPasses: Sendable, Equatable, CustomStringConvertible {
    /// Bytes of page contents moved (the denominator: each page record once).
    public var pageBytes: UInt64 = 0
    /// Bytes of page contents copied in user space (into an outgoing record, into device memory, or staged).
    public var copiedBytes: UInt64 = 0
    /// Bytes of page contents hashed for check values and digests.
    public var hashedBytes: UInt64 = 0
    /// Bytes of stream fed to the whole-stream digest.
    public var digestedBytes: UInt64 = 0

    /// Counts of passes; no passes by default.
    public init(pageBytes: UInt64 = 0, copiedBytes: UInt64 = 0, hashedBytes: UInt64 = 0, digestedBytes: UInt64 = 0) {
        self.pageBytes = pageBytes
        self.copiedBytes = copiedBytes
        self.hashedBytes = hashedBytes
        self.digestedBytes = digestedBytes
    }

    /// User-space passes over each payload byte: (copies + hashes + digested bytes) / page bytes.
    public var passesPerByte: Double {
        pageBytes == 0 ? 0 : Double(copiedBytes + hashedBytes + digestedBytes) / Double(pageBytes)
    }

    /// `copies x, hashes y, digest z per payload byte`.
    public var description: String {
        func ratio(_ value: UInt64) -> String {
            pageBytes == 0 ? "0" : String((Double(value) / Double(pageBytes) * 1000).rounded() / 1000)
        }
        return "copies \(ratio(copiedBytes)), hashes \(ratio(hashedBytes)), stream digest \(ratio(digestedBytes)) "
            + "per payload byte"
    }

    /// The sum of two counts.
    public static func + (left: PayloadPasses, right: PayloadPasses) -> PayloadPasses {
        var sum = left
        sum.pageBytes += right.pageBytes
        sum.copiedBytes += right.copiedBytes
        sum.hashedBytes += right.hashedBytes
        sum.digestedBytes += right.digestedBytes
        return sum
    }
}
