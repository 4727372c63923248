/// A guest workload that keeps running devices busy: it rewrites pages of their memory (and now and then a config
/// register), at a rate in pages per second plus an optional fixed number per step.
///
/// Which pages it writes comes from a seeded generator, so a run is repeatable; how many depends on elapsed time
/// when `pagesPerSecond` is set, and is exact when only `pagesPerStep` is.
public struct Workload: Sendable {
    /// Pages dirtied per second of elapsed time, spread over all running devices.
    public var pagesPerSecond: Double
    /// Pages dirtied at every step regardless of elapsed time.
    public var pagesPerStep: Int
    private var generator: SplitMix64
    private var carry: Double = 0
    /// Pages dirtied so far.
    public private(set) var totalPages: UInt64 = 0

    /// Creates a workload; `pagesPerSecond == 0 && pagesPerStep == 0` is an idle guest.
    public init(pagesPerSecond: Double, pagesPerStep: Int = 0, seed: UInt64) {
        self.pagesPerSecond = max(pagesPerSecond, 0)
        self.pagesPerStep = max(pagesPerStep, 0)
        generator = SplitMix64(seed: seed ^ 0x5745_4C4F_4144)
    }

    /// Whether the workload ever writes anything.
    public var isIdle: Bool { pagesPerSecond == 0 && pagesPerStep == 0 }

    /// Runs the workload for `elapsed` seconds against the devices that currently run.
    mutating func step(elapsed: Double, devices: [DeviceMemory]) {
        guard !devices.isEmpty, !isIdle else { return }
        // A step never covers more than a quarter second: a slow step must not make the next one dirty even more
        // and so never let the migration catch up.
        carry += pagesPerSecond * min(max(elapsed, 0), 0.25)
        let count = pagesPerStep + Int(carry)
        carry -= Double(Int(carry))
        for _ in 0..<count {
            let memory = devices[Int.random(in: 0..<devices.count, using: &generator)]
            memory.write(page: Int.random(in: 0..<memory.pageCount, using: &generator), using: &generator)
            if Int.random(in: 0..<8, using: &generator) == 0 {
                memory.writeConfig(
                    offset: Int.random(in: 0x40..<DeviceMemory.configSize, using: &generator),
                    value: UInt8.random(in: 0...255, using: &generator))
            }
        }
        totalPages += UInt64(count)
        trace_workload_step(UInt32(clamping: count), totalPages)
    }
}
