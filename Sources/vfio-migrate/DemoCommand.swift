import ArgumentParser
import Foundation
import VFIOMigration

/// `vfio-migrate demo`: a live migration between this process and a child `vfio-migrate incoming` process.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Migrate between this process and a child 'incoming' process on loopback, then print a summary.")

    /// The transports the demo can use.
    enum Via: String, ExpressibleByArgument, CaseIterable {
        case tcp, unix, file
    }

    @Option(help: "How the two processes talk: tcp (loopback), unix (socket) or file (save, then restore).")
    var via: Via = .tcp

    @Flag(help: "Print progress lines to stderr even when it is not a terminal.")
    var progress = false

    @OptionGroup var machine: MachineOptions
    @OptionGroup var migration: MigrationOptions
    @OptionGroup var trace: TraceOptions
    @OptionGroup var flightRecorder: FlightRecorderOptions
    @OptionGroup var faults: FaultOptions

    func run() throws {
        if try trace.bootstrap(command: "vfio-migrate demo") { return }
        let scratch = "/tmp/vfio-migrate-demo-\(getpid())"
        let listen: String
        switch via {
        case .tcp: listen = "tcp:127.0.0.1:0"
        case .unix: listen = "unix:\(scratch).sock"
        case .file: listen = "file:\(scratch).stream"
        }
        defer { unlink("\(scratch).stream") }
        let childArguments = ["incoming", "--listen", listen, "--accept-timeout", String(migration.timeout)]
            + machine.arguments + ["--timeout", String(migration.timeout)]
            + ["--transfer-timeout", String(migration.transferTimeout), "--minimum-rate", String(migration.minimumRate)]
            + trace.childArguments
        do {
            try flightRecorder.guarding(command: "vfio-migrate demo") { try run(listen: listen, childArguments: childArguments) }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            writeStderr("vfio-migrate demo: error: \(error)\n")
            throw ExitCode.failure
        }
    }

    private func run(listen: String, childArguments: [String]) throws {
        do {
            let vm = try VirtualMachine(configuration: machine.configuration)
            faults.apply(to: vm)
            let progressLine = ProgressLine(forced: progress, tracing: trace.isTracing)
            let summary: MigrationSummary
            let child: ChildProcess
            if via == .file {
                summary = try migrate(
                    vm, to: try MigrationAddress(parsing: listen), parameters: migration.parameters,
                    progress: progressLine)
                child = try ChildProcess(arguments: childArguments)
                _ = try child.readLine(timeout: migration.timeout)
            } else {
                child = try ChildProcess(arguments: childArguments)
                let announcement = try child.readLine(timeout: migration.timeout)
                guard announcement.hasPrefix("listening on ") else {
                    child.stop()
                    throw MigrationError.transportFailed("unexpected answer from the incoming process: \(announcement)")
                }
                let address = try MigrationAddress(parsing: String(announcement.dropFirst("listening on ".count)))
                do {
                    summary = try migrate(vm, to: address, parameters: migration.parameters, progress: progressLine)
                } catch {
                    _ = child.wait(timeout: migration.timeout)
                    throw error
                }
            }
            let childReport = try? child.readLine(timeout: migration.timeout)
            let digestLine = try? child.readLine(timeout: migration.timeout)
            let status = child.wait(timeout: migration.timeout)
            guard status == 0 else {
                throw MigrationError.destinationFailed("the incoming process (pid \(child.pid)) exited with status \(status)")
            }
            let digest = digestLine.flatMap { line in
                line.hasPrefix("state digest 0x") ? UInt64(line.dropFirst("state digest 0x".count), radix: 16) : nil
            }
            printSummary(
                summary, machine: machine, transport: "\(listen) -> child pid \(child.pid)",
                parameters: migration.parameters, destinationDigest: digest)
            if let childReport { print("destination:   \(childReport)") }
            if summary.destinationMatches == false || (summary.destinationMatches == nil && digest != DeviceSnapshot.combinedDigest(of: summary.sourceSnapshots)) {
                throw ExitCode.failure
            }
        }
    }
}
