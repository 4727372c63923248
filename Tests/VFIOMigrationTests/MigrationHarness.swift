import Foundation
@testable import VFIOMigration

/// Moves a value that is not `Sendable` to the one thread that will use it from then on.
struct Handoff<Value>: @unchecked Sendable {
    let value: Value
}

/// How the two sides of a test migration are connected.
enum TestTransport: String, Sendable, CaseIterable, CustomStringConvertible {
    case tcp, unix, file
    var description: String { rawValue }
}

/// What one side of a test migration ended with.
struct SideOutcome<Success: Sendable>: Sendable {
    var result: Result<Success, MigrationError>
    var deviceStates: [String]
    var anyDeviceRunning: Bool
    var allDevicesRunning: Bool
    var snapshotsBefore: [DeviceSnapshot]
    var snapshotsAfter: [DeviceSnapshot]
    var runState: RunState

    var error: MigrationError? {
        if case .failure(let error) = result { return error }
        return nil
    }
}

/// The two sides of a migration.
enum MigrationSide: String, Sendable, CaseIterable, CustomStringConvertible {
    case source, destination
    var description: String { rawValue }
}

/// Tweaks applied to a side's machine and engine before the migration starts (fault injection).
typealias SourceSetup = @Sendable (VirtualMachine, MigrationSource, any Transport) -> Void
typealias DestinationSetup = @Sendable (VirtualMachine, MigrationDestination, any Transport) -> Void

/// Small, fast parameters: a threshold of ~1 KiB so that small devices still iterate.
let testParameters = MigrationParameters(bandwidth: 1 << 20, downtimeLimit: 0.001, maxIterations: 20, ioTimeout: 60)

func temporaryPath(_ suffix: String) -> String {
    "/tmp/vfio-migration-test-\(getpid())-\(UUID().uuidString.prefix(8)).\(suffix)"
}

private func runSource(
    _ configuration: MachineConfiguration, _ parameters: MigrationParameters, connect: () throws -> any Transport,
    setup: SourceSetup?
) -> SideOutcome<MigrationSummary> {
    runSide({ try VirtualMachine(configuration: configuration) }) { machine in
        let source = MigrationSource(machine: machine, parameters: parameters)
        let transport = try connect()
        setup?(machine, source, transport)
        return try source.migrate(over: transport)
    }
}

private func runDestination(
    _ configuration: MachineConfiguration, accept: () throws -> any Transport, setup: DestinationSetup?
) -> SideOutcome<[DeviceSnapshot]> {
    runSide({ try VirtualMachine(configuration: configuration, isDestination: true) }) { machine in
        let destination = MigrationDestination(machine: machine)
        let transport = try accept()
        setup?(machine, destination, transport)
        return try destination.receive(over: transport)
    }
}

/// Builds one side's machine, runs `body` on it and records how the machine ended up, whatever happened.
private func runSide<Success: Sendable>(
    _ makeMachine: () throws -> VirtualMachine, _ body: (VirtualMachine) throws -> Success
) -> SideOutcome<Success> {
    let machine: VirtualMachine
    do {
        machine = try makeMachine()
    } catch {
        return SideOutcome(
            result: .failure(.invalidConfiguration("\(error)")), deviceStates: [], anyDeviceRunning: false,
            allDevicesRunning: false, snapshotsBefore: [], snapshotsAfter: [], runState: .paused)
    }
    let before = machine.snapshots()
    let result: Result<Success, MigrationError>
    do {
        result = .success(try body(machine))
    } catch {
        result = .failure(error as? MigrationError ?? .transportFailed("\(error)"))
    }
    return SideOutcome(
        result: result, deviceStates: machine.deviceStates, anyDeviceRunning: machine.anyDeviceRunning,
        allDevicesRunning: machine.allDevicesRunning, snapshotsBefore: before, snapshotsAfter: machine.snapshots(),
        runState: machine.runState)
}

/// Runs a whole migration between two machines on two threads, over `transport`.
///
/// For `file`, the source saves first and the destination restores afterwards; `editFile` may damage the saved
/// stream in between. `sideStarted` runs first on each side's own thread (trace tests tell the sides apart by it).
func runMigration(
    source sourceConfiguration: MachineConfiguration,
    destination destinationConfiguration: MachineConfiguration? = nil,
    parameters: MigrationParameters = testParameters,
    transport: TestTransport,
    sourceSetup: SourceSetup? = nil,
    destinationSetup: DestinationSetup? = nil,
    editFile: (@Sendable (inout [UInt8]) -> Void)? = nil,
    sideStarted: (@Sendable (MigrationSide) -> Void)? = nil
) async throws -> (source: SideOutcome<MigrationSummary>, destination: SideOutcome<[DeviceSnapshot]>) {
    let destinationConfiguration = destinationConfiguration ?? sourceConfiguration
    switch transport {
    case .file:
        let path = temporaryPath("stream")
        defer { unlink(path) }
        let source = try await onThread {
            sideStarted?(.source)
            return runSource(sourceConfiguration, parameters, connect: { try FileTransport.create(path: path) }, setup: sourceSetup)
        }
        if let editFile {
            var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
            editFile(&bytes)
            try Data(bytes).write(to: URL(fileURLWithPath: path))
        }
        let destination = try await onThread {
            sideStarted?(.destination)
            return runDestination(destinationConfiguration, accept: { try FileTransport.open(path: path) }, setup: destinationSetup)
        }
        return (source, destination)
    case .tcp, .unix:
        let address: MigrationAddress = transport == .tcp ? .tcp(host: "127.0.0.1", port: 0) : .unix(path: temporaryPath("sock"))
        let listener = Handoff(value: try SocketListener(address: address))
        let bound = listener.value.boundAddress
        let timeout = parameters.ioTimeout
        // The destination's thread starts here and now, not from a child task: with two cores the test pool's
        // threads may all be blocked by other suites' waits, and a child task that never starts leaves the
        // source waiting for a peer until its timeout.
        let destination = StartedThread {
            sideStarted?(.destination)
            defer { listener.value.close() }
            return runDestination(
                destinationConfiguration, accept: { try listener.value.accept(timeout: timeout, ioTimeout: timeout) },
                setup: destinationSetup)
        }
        let source = try await onThread {
            sideStarted?(.source)
            return runSource(
                sourceConfiguration, parameters, connect: { try SocketTransport.connect(to: bound, timeout: timeout) },
                setup: sourceSetup)
        }
        return (source, try await destination.value())
    }
}
