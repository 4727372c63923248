import ArgumentParser
import Dispatch
import VFIOMigration
#if canImport(Glibc)
import Glibc
#endif

/// `vfio-migrate migrate`: the source side.
struct MigrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Migrate a running machine to a waiting 'incoming' process, or save it to a file.")

    @Option(help: "Where to send: tcp:HOST:PORT, unix:PATH or file:PATH.")
    var to: String

    @Flag(help: "Print progress lines to stderr even when it is not a terminal.")
    var progress = false

    @OptionGroup var machine: MachineOptions
    @OptionGroup var migration: MigrationOptions
    @OptionGroup var trace: TraceOptions

    func run() throws {
        if trace.printLTTngHelpIfRequested() { return }
        let address: MigrationAddress
        do {
            address = try MigrationAddress(parsing: to)
        } catch {
            throw ValidationError("--to: \(error)")
        }
        do {
            let vm = try VirtualMachine(configuration: machine.configuration)
            let summary = try migrate(
                vm, to: address, parameters: migration.parameters,
                progress: ProgressLine(forced: progress, tracing: !trace.patterns.isEmpty))
            printSummary(summary, machine: machine, transport: address.description, parameters: migration.parameters)
        } catch {
            writeStderr("vfio-migrate migrate: error: \(error)\n")
            throw ExitCode.failure
        }
    }
}

/// Runs the source side of a migration of `vm` to `address`, showing progress.
func migrate(
    _ vm: VirtualMachine, to address: MigrationAddress, parameters: MigrationParameters, progress: ProgressLine
) throws -> MigrationSummary {
    let transport: any Transport
    switch address {
    case .file(let path): transport = try FileTransport.create(path: path)
    case .tcp, .unix: transport = try SocketTransport.connect(to: address, timeout: parameters.ioTimeout)
    }
    let source = MigrationSource(machine: vm, parameters: parameters)
    source.progressObserver = { progress.show($0) }
    // Ctrl-C cancels the migration cleanly (devices back to RUNNING) instead of killing the process mid-stream.
    let cancellation = source.cancellation
    signal(SIGINT, SIG_IGN)
    let interrupt = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
    interrupt.setEventHandler { cancellation.cancel() }
    interrupt.resume()
    defer {
        interrupt.cancel()
        signal(SIGINT, SIG_DFL)
        progress.finish()
    }
    return try source.migrate(over: transport)
}

/// Prints the summary of a completed migration to stdout.
func printSummary(
    _ summary: MigrationSummary, machine: MachineOptions, transport: String, parameters: MigrationParameters,
    destinationDigest: UInt64? = nil
) {
    let features = summary.protocolVersion == .v2 ? " (device features \(machine.configuration.features))" : ""
    let sourceDigest = DeviceSnapshot.combinedDigest(of: summary.sourceSnapshots)
    let equal: String
    switch (summary.destinationMatches, destinationDigest) {
    case (.some(true), _): equal = "yes: every page and config checksum matches the source's"
    case (.some(false), _): equal = "NO: the destination's checksums differ from the source's"
    case (nil, .some(let digest)):
        equal = digest == sourceDigest
            ? "yes: restored state digest 0x\(String(digest, radix: 16)) matches the source's"
            : "NO: restored state digest 0x\(String(digest, radix: 16)) differs from 0x\(String(sourceDigest, radix: 16))"
    case (nil, nil): equal = "unknown (no return path; source state digest 0x\(String(sourceDigest, radix: 16)))"
    }
    print("""
        protocol:      \(summary.protocolVersion)\(features)
        devices:       \(summary.deviceCount) x \(machine.pages) pages of \(machine.pageSize) bytes
        transport:     \(transport)
        bytes sent:    \(formatBytes(summary.bytesSent)) (\(summary.bytesSent) bytes)
        iterations:    \(summary.iterations)\(summary.converged ? " (converged)" : " (iteration limit or no pre-copy)")
        dirtied pages: \(summary.dirtiedPages)
        total time:    \(formatSeconds(summary.totalTime))
        downtime:      \(formatSeconds(summary.downtime)) (limit \(formatSeconds(parameters.downtimeLimit)))
        state equal:   \(equal)
        """)
}
