import ArgumentParser
import VFIOMigration

/// `vfio-migrate migrate`: the source side.
struct MigrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Migrate a running machine to a waiting 'incoming' process, or save it to a file.")

    // Optional to the parser only, so that --trace help and --lttng-help work without it, as QEMU's -trace help.
    @Option(help: "Where to send: tcp:HOST:PORT, unix:PATH or file:PATH (required).")
    var to: String?

    @Flag(help: "Print progress lines to stderr even when it is not a terminal.")
    var progress = false

    @OptionGroup var machine: MachineOptions
    @OptionGroup var migration: MigrationOptions
    @OptionGroup var trace: TraceOptions
    @OptionGroup var flightRecorder: FlightRecorderOptions
    @OptionGroup var faults: FaultOptions

    func run() throws {
        if try trace.bootstrap(command: "vfio-migrate migrate") { return }
        guard let to else { throw ValidationError("Missing expected argument '--to <to>'") }
        let address: MigrationAddress
        do {
            address = try MigrationAddress(parsing: to)
        } catch {
            throw ValidationError("--to: \(error)")
        }
        do {
            try flightRecorder.guarding(command: "vfio-migrate migrate") {
                let vm = try VirtualMachine(configuration: machine.configuration)
                faults.apply(to: vm)
                let summary = try migrate(
                    vm, to: address, parameters: migration.parameters,
                    progress: ProgressLine(forced: progress, tracing: trace.isTracing))
                printSummary(summary, machine: machine, transport: address.description, parameters: migration.parameters)
            }
        } catch {
            writeStderr("vfio-migrate migrate: error: \(error)\n")
            throw ExitCode.failure
        }
    }
}
