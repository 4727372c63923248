import ArgumentParser
import VFIOMigration

/// `vfio-migrate incoming`: the destination side.
struct IncomingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "incoming",
        abstract: "Wait for a migration (or restore a saved file) and run the received devices.")

    // Optional to the parser only, so that --trace help and --lttng-help work without it, as QEMU's -trace help.
    @Option(help: "Where to receive: tcp:HOST:PORT (port 0 picks one), unix:PATH or file:PATH (required).")
    var listen: String?

    @Option(help: "Longest wait for the source to connect, in seconds.")
    var acceptTimeout: Double = 60

    @OptionGroup var machine: MachineOptions
    @OptionGroup var migration: MigrationOptions
    @OptionGroup var trace: TraceOptions
    @OptionGroup var flightRecorder: FlightRecorderOptions

    func run() throws {
        if try trace.bootstrap(command: "vfio-migrate incoming") { return }
        guard let listen else { throw ValidationError("Missing expected argument '--listen <listen>'") }
        let address: MigrationAddress
        do {
            address = try MigrationAddress(parsing: listen)
        } catch {
            throw ValidationError("--listen: \(error)")
        }
        do {
            try flightRecorder.guarding(command: "vfio-migrate incoming") { try receive(at: address) }
        } catch {
            writeStderr("vfio-migrate incoming: error: \(error)\n")
            throw ExitCode.failure
        }
    }

    private func receive(at address: MigrationAddress) throws {
        do {
            let vm = try VirtualMachine(configuration: machine.configuration, isDestination: true)
            let transport: any Transport
            switch address {
            case .file(let path):
                announce("restoring from \(address)")
                transport = try FileTransport.open(path: path)
            case .tcp, .unix:
                let listener = try SocketListener(address: address)
                defer { listener.close() }
                announce("listening on \(listener.boundAddress)")
                transport = try listener.accept(timeout: acceptTimeout, ioTimeout: migration.timeout)
            }
            let snapshots = try MigrationDestination(machine: vm, limits: migration.limits).receive(over: transport)
            let digest = String(DeviceSnapshot.combinedDigest(of: snapshots), radix: 16)
            let stateBytes = UInt64(machine.devices * machine.pageCount * machine.pageSize)
            print("incoming: loaded \(snapshots.count) device(s), now \(vm.deviceStates.joined(separator: ", ")); "
                + "peak memory \(peakResidentText(stateBytes: stateBytes))")
            print("state digest 0x\(digest)")
        }
    }

    /// Prints a line the demo parent waits for, and flushes it through the pipe at once.
    private func announce(_ line: String) {
        print(line)
        flushStdout()
    }
}
