/// How long and how often each case is sampled.
///
/// The machine is shared and noisy, so every figure is the median of many samples, each long enough that
/// timer resolution and per-sample overhead vanish, after a warm-up sample that is thrown away.
struct SamplingPlan: Sendable {
    /// The target length of one sample, in nanoseconds.
    var sampleNanoseconds: UInt64
    /// Samples kept per case.
    var samples: Int
    /// Iterations for an instruction count under callgrind, which runs about 50 times slower than native.
    var callgrindIterations: UInt64

    /// The default: 20 ms samples, 21 of them.
    static let full = SamplingPlan(sampleNanoseconds: 20_000_000, samples: 21, callgrindIterations: 200_000)

    /// `--quick`: enough to prove every benchmark builds and runs, not to publish.
    static let quick = SamplingPlan(sampleNanoseconds: 2_000_000, samples: 5, callgrindIterations: 2_000)
}
