/// The per-iteration times of one case's samples.
struct Measurement: Sendable {
    /// Nanoseconds per iteration, one value per sample.
    var nanosecondsPerIteration: [Double]
    /// Iterations per sample.
    var iterationsPerSample: UInt64

    /// The median sample: robust against the other engineers' builds stealing the CPU for a while.
    var median: Double { Self.percentile(nanosecondsPerIteration, 0.5) }

    /// The interquartile range relative to the median, in percent: how noisy the samples were.
    var spreadPercent: Double {
        let med = median
        guard med > 0 else { return 0 }
        return (Self.percentile(nanosecondsPerIteration, 0.75) - Self.percentile(nanosecondsPerIteration, 0.25))
            / med * 100
    }

    /// Linear-interpolated percentile of unsorted values.
    static func percentile(_ values: [Double], _ fraction: Double) -> Double {
        guard !values.isEmpty else { return .nan }
        let sorted = values.sorted()
        let position = fraction * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        let weight = position - Double(lower)
        return sorted[lower] * (1 - weight) + sorted[upper] * weight
    }
}
