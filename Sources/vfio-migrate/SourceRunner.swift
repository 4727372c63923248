import Dispatch
import VFIOMigration
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
