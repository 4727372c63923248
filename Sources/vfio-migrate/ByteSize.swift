import Foundation
import ArgumentParser

/// A size in bytes as people write it: `4096`, `64KiB`, `256MiB`, `1GiB` (also `K`, `M`, `G`, and the decimal
/// `KB`, `MB`, `GB`).
struct ByteSize: ExpressibleByArgument, Equatable, CustomStringConvertible {
    /// The size in bytes.
    var bytes: Int

    private static let units: [(suffix: String, factor: Int)] = [
        ("KiB", 1 << 10), ("MiB", 1 << 20), ("GiB", 1 << 30), ("K", 1 << 10), ("M", 1 << 20), ("G", 1 << 30),
        ("KB", 1000), ("MB", 1_000_000), ("GB", 1_000_000_000), ("B", 1),
    ]

    init(bytes: Int) { self.bytes = bytes }

    init?(argument: String) {
        let text = argument.trimmingCharacters(in: .whitespaces)
        let unit = Self.units.filter { text.hasSuffix($0.suffix) }.max { $0.suffix.count < $1.suffix.count }
        let number = unit.map { String(text.dropLast($0.suffix.count)) } ?? text
        guard let value = Int(number.trimmingCharacters(in: .whitespaces)), value >= 0 else { return nil }
        let (product, overflow) = value.multipliedReportingOverflow(by: unit?.factor ?? 1)
        guard !overflow else { return nil }
        bytes = product
    }

    /// `1 GiB`-style text.
    var description: String { formatBytes(UInt64(bytes)) }
}
