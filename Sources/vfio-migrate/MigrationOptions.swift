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

    @Option(help: "Longest the incoming side waits for the whole stream, in seconds.")
    var transferTimeout: Double = 600

    @Option(help: ArgumentHelp(
        "Slowest average rate the incoming side accepts once --timeout seconds have passed, in MiB/s (0: any).",
        valueName: "MiB/s"))
    var minimumRate: Double = 1

    /// The incoming side's bounds on the whole transfer: the per-receive timeout is the grace period.
    var limits: TransferLimits {
        TransferLimits(timeout: transferTimeout, minimumRate: minimumRate * 1024 * 1024, grace: timeout)
    }

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
            try limits.validate()
        } catch {
            throw ValidationError("\(error)")
        }
    }
}
