/// A target from the issue, checked against one row of the table (reported, never asserted).
enum Goal: Sendable {
    /// ours / baseline must not exceed the limit (costs: time, instructions).
    case ratioAtMost(Double)
    /// ours / baseline must be at least the limit (throughput).
    case ratioAtLeast(Double)
    /// ours alone must not exceed the limit, in the row's unit.
    case valueAtMost(Double)
    /// ours may exceed the baseline by at most the limit, in the row's unit (e.g. one instruction per call).
    case excessAtMost(Double)

    /// How the goal reads in the table.
    var text: String {
        switch self {
        case .ratioAtMost(let limit): "≤ \(Format.ratio(limit))"
        case .ratioAtLeast(let limit): "≥ \(Format.ratio(limit))"
        case .valueAtMost(let limit): "≤ \(Format.number(limit))"
        case .excessAtMost(let limit): "≤ baseline + \(Format.number(limit))"
        }
    }

    /// Whether a row meets the goal; nil when a figure it needs is missing.
    func isMet(ours: Double?, baseline: Double?, ratio: Double?) -> Bool? {
        switch self {
        case .ratioAtMost(let limit): ratio.map { $0 <= limit }
        case .ratioAtLeast(let limit): ratio.map { $0 >= limit }
        case .valueAtMost(let limit): ours.map { $0 <= limit }
        case .excessAtMost(let limit): ours.flatMap { ours in baseline.map { ours - $0 <= limit } }
        }
    }
}
