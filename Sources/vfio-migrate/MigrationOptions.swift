import ArgumentParser
import VFIOMigration

/// Options for how the source drives the migration, and for every wait's timeout.
struct MigrationOptions: ParsableArguments {
    @Option(help: "Bandwidth limit in MiB/s (also the estimate of the link's speed).")
    var bandwidth: Double = 32

    @Option(help: "Downtime limit in milliseconds.")
    var downtimeLimit: Double = 20

    @Option(help: "Iterations after which the source stops and copies anyway.")
    var maxIterations = 30

    @Option(help: "Longest wait for any connect, accept, send or receive, in seconds.")
    var timeout: Double = 10

    /// The engine parameters these options describe.
    var parameters: MigrationParameters {
        MigrationParameters(
            bandwidth: UInt64(max(bandwidth, 0) * 1024 * 1024), downtimeLimit: downtimeLimit / 1000,
            maxIterations: maxIterations, ioTimeout: timeout)
    }

    func validate() throws {
        guard bandwidth.isFinite, bandwidth > 0 else { throw ValidationError("--bandwidth must be > 0") }
        do {
            try parameters.validate()
        } catch {
            throw ValidationError("\(error)")
        }
    }
}
