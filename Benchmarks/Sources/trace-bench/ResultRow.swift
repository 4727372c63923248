/// One line of the results table: a figure of ours beside its baseline from the same run.
struct ResultRow: Sendable {
    /// The table section, e.g. "Event off".
    var section: String
    /// What is compared, e.g. "Swift `trace_bench_off()` vs C `lttng_ust_tracepoint()`".
    var measurement: String
    /// The unit of both figures, e.g. "ns/call".
    var unit: String
    /// Our figure, or nil when it could not be measured.
    var ours: Double?
    /// The baseline's figure, or nil for rows without one.
    var baseline: Double?
    /// The target for this row, if any.
    var goal: Goal?
    /// Noise, discarded events, or why a figure is missing.
    var notes: String = ""

    /// ours / baseline.
    var ratio: Double? {
        guard let ours, let baseline, baseline > 0 else { return nil }
        return ours / baseline
    }

    /// Whether the goal is met; nil without a goal or a figure.
    var goalMet: Bool? { goal?.isMet(ours: ours, baseline: baseline, ratio: ratio) }
}
