import Testing
@testable import VFIOMigration

@Suite("convergence and bandwidth", .serialized)
struct ConvergenceTests {
    private func configuration(dirtyPagesPerStep: Int) -> MachineConfiguration {
        MachineConfiguration(
            protocolVersion: .v2, deviceCount: 1, pageCount: 32, pageSize: 256, features: [.preCopy], seed: 5,
            dirtyPagesPerStep: dirtyPagesPerStep)
    }

    @Test("an idle guest converges: iteration stops once pending bytes fit bandwidth x downtime")
    func idleGuestConverges() async throws {
        let (source, destination) = try await runMigration(source: configuration(dirtyPagesPerStep: 0), transport: .tcp)
        let summary = try source.result.get()
        #expect(summary.converged)
        #expect(summary.iterations >= 1)
        #expect(summary.iterations < testParameters.maxIterations)
        #expect(summary.destinationMatches == true)
        _ = try destination.result.get()
    }

    @Test("a guest dirtying faster than the threshold allows iterates up to the limit, then stops and copies")
    func busyGuestHitsIterationLimit() async throws {
        var parameters = testParameters
        parameters.maxIterations = 4
        // 20 dirty pages of 264 bytes per step stay far above the ~1 KiB threshold.
        let (source, _) = try await runMigration(
            source: configuration(dirtyPagesPerStep: 20), parameters: parameters, transport: .unix)
        let summary = try source.result.get()
        #expect(!summary.converged)
        #expect(summary.iterations == 4)
        #expect(summary.destinationMatches == true)
    }

    @Test("the bandwidth limit paces the pre-copy phase")
    func bandwidthLimit() async throws {
        var parameters = testParameters
        parameters.bandwidth = 256 << 10
        parameters.downtimeLimit = 0.0001
        let (source, _) = try await runMigration(
            source: configuration(dirtyPagesPerStep: 0), parameters: parameters, transport: .tcp)
        let summary = try source.result.get()
        // Pre-copy sends all 32 pages (~8.4 KiB) before stopping: at 256 KiB/s that takes ~32 ms at least.
        #expect(summary.totalTime >= 0.025)
        #expect(summary.destinationMatches == true)
    }
}
