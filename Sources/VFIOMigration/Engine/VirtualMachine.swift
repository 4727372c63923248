/// A simulated machine: its VFIO devices with their migration handlers, its run state and its guest workload.
///
/// VM state changes call every device's handlers the way QEMU's `vm_state_notify` does: on a stop, all prepare
/// callbacks run before any main callback, in reverse registration order; on a start, in registration order.
///
/// Not thread-safe: a machine belongs to the one thread that runs its side of a migration.
public final class VirtualMachine {
    /// The configuration the machine was built from.
    public let configuration: MachineConfiguration
    let handlers: [any VFIODeviceMigration]
    /// The protocol v1 devices (empty for a v2 machine), for inspection and fault injection.
    public let v1Devices: [V1Device]
    /// The protocol v2 devices (empty for a v1 machine), for inspection and fault injection.
    public let v2Devices: [V2Device]
    /// The current run state.
    public private(set) var runState: RunState
    var workload: Workload

    /// Builds a machine. A source starts running with device contents drawn from the seed; a destination starts
    /// stopped in `inmigrate` with zeroed devices, waiting for their state.
    public init(configuration: MachineConfiguration, isDestination: Bool = false) throws {
        try configuration.validate()
        self.configuration = configuration
        var generator = SplitMix64(seed: configuration.seed)
        var v1: [V1Device] = []
        var v2: [V2Device] = []
        var handlers: [any VFIODeviceMigration] = []
        for index in 0..<configuration.deviceCount {
            let memory = DeviceMemory(
                pageCount: configuration.pageCount, pageSize: configuration.pageSize, traceIdentifier: Int32(index))
            if !isDestination { memory.randomize(using: &generator) }
            let name = MachineConfiguration.deviceName(index + 2)
            switch configuration.protocolVersion {
            case .v1:
                let device = V1Device(name: name, memory: memory)
                v1.append(device)
                handlers.append(V1DeviceMigration(device: device))
            case .v2:
                let device = V2Device(name: name, memory: memory, features: configuration.features)
                v2.append(device)
                handlers.append(V2DeviceMigration(device: device))
            }
        }
        self.handlers = handlers
        v1Devices = v1
        v2Devices = v2
        workload = Workload(
            pagesPerSecond: isDestination ? 0 : configuration.dirtyPagesPerSecond,
            pagesPerStep: isDestination ? 0 : configuration.dirtyPagesPerStep,
            seed: configuration.seed)
        runState = .running
        if isDestination { try stop(.inmigrate) }
    }

    /// The snapshots of every device, in device order.
    public func snapshots() -> [DeviceSnapshot] {
        handlers.map { $0.memory.snapshot(name: $0.name) }
    }

    /// The passes every device's records made over its pages so far.
    public var payloadPasses: PayloadPasses {
        handlers.reduce(PayloadPasses()) { $0 + $1.memory.passes }
    }

    /// Every device's state as text (`RUNNING`, `pre-copy`, ...), in device order.
    public var deviceStates: [String] { handlers.map(\.deviceStateDescription) }

    /// Whether every device executes.
    public var allDevicesRunning: Bool { handlers.allSatisfy(\.isDeviceRunning) }

    /// Whether any device executes.
    public var anyDeviceRunning: Bool { handlers.contains { $0.isDeviceRunning } }

    /// Pages the workload has dirtied so far.
    public var dirtiedPages: UInt64 { workload.totalPages }

    /// Lets the workload write the memory of the devices that run, for `elapsed` seconds.
    func runWorkload(elapsed: Double) {
        guard runState == .running else { return }
        workload.step(elapsed: elapsed, devices: handlers.filter(\.isDeviceRunning).map(\.memory))
    }

    /// Stops the VM, moving every device per its VM state change handler; reports the first device failure after
    /// all devices were told.
    func stop(_ newState: RunState) throws {
        runState = newState
        trace_vm_state_change(0, newState.description)
        var firstError: (any Error)?
        for handler in handlers.reversed() where handler.hasPrepareCallback {
            do { try handler.vmStateChangePrepare(running: false, runState: newState) } catch { firstError = firstError ?? error }
        }
        for handler in handlers.reversed() {
            do { try handler.vmStateChange(running: false, runState: newState) } catch { firstError = firstError ?? error }
        }
        if let firstError { throw firstError }
    }

    /// Starts the VM, moving every device to RUNNING.
    func start() throws {
        runState = .running
        trace_vm_state_change(1, RunState.running.description)
        var firstError: (any Error)?
        for handler in handlers where handler.hasPrepareCallback {
            do { try handler.vmStateChangePrepare(running: true, runState: .running) } catch { firstError = firstError ?? error }
        }
        for handler in handlers {
            do { try handler.vmStateChange(running: true, runState: .running) } catch { firstError = firstError ?? error }
        }
        if let firstError { throw firstError }
    }

    /// Marks the VM as stopped after a completed migration, without touching devices.
    func enter(_ newState: RunState) {
        runState = newState
        trace_vm_state_change(newState == .running ? 1 : 0, newState.description)
    }

    /// Tells every device's migration state notifier about `status`.
    func notify(_ status: MigrationStatus) {
        for handler in handlers { handler.migrationStateChanged(status) }
    }
}
