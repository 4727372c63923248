/// Times bodies that perform a given number of iterations of one case.
struct Sampler {
    /// The plan every measurement follows.
    var plan: SamplingPlan

    /// The iteration count that makes one sample last about the plan's sample length, capped at
    /// `maximumIterations` (LTTng cases cap it so one sample fits the ring buffer).
    func calibrate(_ body: (UInt64) -> Void, maximumIterations: UInt64) -> UInt64 {
        var iterations: UInt64 = 1
        while true {
            let elapsed = MonotonicClock.measure { body(iterations) }
            if elapsed >= plan.sampleNanoseconds || iterations >= maximumIterations { break }
            // Grow towards the target in a few steps without overshooting wildly on a slow first sample.
            let factor = elapsed == 0 ? 10 : min(10, max(2, Double(plan.sampleNanoseconds) / Double(elapsed) * 1.1))
            iterations = min(maximumIterations, UInt64(Double(iterations) * factor))
        }
        return max(1, iterations)
    }

    /// Measures several bodies with interleaved samples (A B C, B C A, ...), so a burst of noise from the
    /// rest of the machine hits every side of a comparison alike. One warm-up sample of each is discarded.
    ///
    /// - Parameters:
    ///   - bodies: each performs its argument's number of iterations.
    ///   - maximumIterations: a cap on iterations per sample.
    ///   - betweenSamples: runs after every sample, untimed (LTTng cases let the consumer drain there).
    func compare(
        _ bodies: [(UInt64) -> Void],
        maximumIterations: UInt64 = .max,
        betweenSamples: () -> Void = {}
    ) -> [Measurement] {
        let counts = bodies.map { calibrate($0, maximumIterations: maximumIterations) }
        var results = counts.map { Measurement(nanosecondsPerIteration: [], iterationsPerSample: $0) }
        for round in 0...plan.samples {
            for offset in bodies.indices {
                let index = (offset + round) % bodies.count
                let elapsed = MonotonicClock.measure { bodies[index](counts[index]) }
                betweenSamples()
                if round > 0 {
                    results[index].nanosecondsPerIteration.append(Double(elapsed) / Double(counts[index]))
                }
            }
        }
        return results
    }
}
