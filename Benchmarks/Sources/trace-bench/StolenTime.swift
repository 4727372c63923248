import Foundation

/// The share of the cores' time the hypervisor gave to other guests (the `steal` column of `/proc/stat`): on a
/// virtual machine the noise that no interleaving of sides removes, shown per suite so a reader can tell a quiet
/// suite from a disturbed one.
struct StolenTime {
    /// All jiffies and stolen jiffies so far, summed over the cores.
    private let total: UInt64
    private let stolen: UInt64

    /// The counters now; zeros where `/proc/stat` cannot be read.
    static func now() -> StolenTime {
        guard let text = try? String(contentsOfFile: "/proc/stat", encoding: .utf8),
            let line = text.split(separator: "\n").first(where: { $0.hasPrefix("cpu ") })
        else { return StolenTime(total: 0, stolen: 0) }
        // user nice system idle iowait irq softirq steal guest guest_nice; guest time is already in user.
        let fields = line.split(separator: " ").dropFirst().prefix(8).compactMap { UInt64($0) }
        return StolenTime(total: fields.reduce(0, +), stolen: fields.count == 8 ? fields[7] : 0)
    }

    /// The percentage of the cores' time stolen between `start` and this reading, or nil when nothing was counted.
    func percent(since start: StolenTime) -> Double? {
        guard total > start.total else { return nil }
        return Double(stolen - start.stolen) / Double(total - start.total) * 100
    }
}
