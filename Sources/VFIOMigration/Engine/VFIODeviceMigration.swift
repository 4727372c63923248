/// QEMU's side of one VFIO device's migration: its savevm handlers, VM state change handler and migration state
/// notifier (hw/vfio/migration.c). The parts both protocols share live here; `V1DeviceMigration` and
/// `V2DeviceMigration` drive their kind of device.
///
/// Not thread-safe: a machine and its handlers belong to the one thread that runs a side of the migration.
protocol VFIODeviceMigration: AnyObject {
    /// The device's name.
    var name: String { get }
    /// The device's memory and config space.
    var memory: DeviceMemory { get }
    /// Whether the device currently executes.
    var isDeviceRunning: Bool { get }
    /// The device state as text, for summaries.
    var deviceStateDescription: String { get }
    /// Whether the device takes part in the iteration phase now (`.is_active_iterate`).
    var isActiveIterate: Bool { get }
    /// Whether the device has a prepare callback for VM state changes (v2 devices with P2P).
    var hasPrepareCallback: Bool { get }

    /// `.save_setup`.
    func saveSetup(_ writer: StreamWriter) throws
    /// `.state_pending_estimate`: a cheap guess of the bytes still to send.
    func statePendingEstimate() throws -> UInt64
    /// `.state_pending_exact`: the bytes still to send, asking the device.
    func statePendingExact() throws -> UInt64
    /// The data part of `.save_live_iterate`; returns the bytes of device data sent and whether the device is done.
    func saveIterateData(_ writer: StreamWriter) throws -> (dataSize: Int, done: Bool)
    /// `.save_live_complete_precopy`.
    func saveCompletePrecopy(_ writer: StreamWriter) throws
    /// The device part of `.save_cleanup`.
    func saveCleanupDevice()
    /// `.load_setup`.
    func loadSetup() throws
    /// Hands `size` bytes of device data from the stream to the device.
    func loadDeviceData(size: UInt64, from reader: StreamReader) throws
    /// The device part of `.load_cleanup`: ends the resuming session, which makes the device validate its state.
    /// Unlike QEMU, which leaves that to the next VM start and resets a device that fails it, the engine checks
    /// here so that a device whose state did not load is left stopped instead of running.
    func loadCleanupDevice() throws
    /// The prepare half of the VM state change handler; a device that fails is reset, and the failure reported.
    func vmStateChangePrepare(running: Bool, runState: RunState) throws
    /// The VM state change handler; a device that fails is reset, and the failure reported so that a migration
    /// in progress fails (QEMU sets the error on the migration stream).
    func vmStateChange(running: Bool, runState: RunState) throws
    /// Puts the device back into RUNNING after a failed or cancelled migration, keeping its data.
    func recoverToRunning()
}

/// Largest `DEV_DATA_STATE` block a loader accepts; a bigger size can only come from a corrupted stream.
let maxDeviceDataBlock: UInt64 = 64 << 20

extension VFIODeviceMigration {
    /// The savevm section id string, `<device>/vfio`.
    var idstr: String { "\(name)/vfio" }

    /// `vfio_migration_probe`: called once a handler is bound to its device.
    func probe() {
        trace_vfio_migration_probe(name)
    }

    // MARK: Shared handlers

    /// `.save_live_iterate`.
    func saveIterate(_ writer: StreamWriter) throws -> Bool {
        let (dataSize, done) = try saveIterateData(writer)
        trace_vfio_save_iterate(name, Int32(clamping: dataSize))
        return done
    }

    /// `.save_state`: the config space, framed by `DEV_CONFIG_STATE` and `END_OF_STATE`.
    func saveState(_ writer: StreamWriter) throws {
        try writer.put(.deviceConfigState)
        try writer.put64(UInt64(memory.config.count))
        try writer.putBytes(memory.config)
        try writer.put(.endOfState)
        trace_vfio_save_device_config_state(name)
    }

    /// `.save_cleanup`.
    func saveCleanup() {
        saveCleanupDevice()
        trace_vfio_save_cleanup(name)
    }

    /// `.load_state`: reads tagged blocks until `END_OF_STATE`, refusing anything QEMU's loader refuses.
    func loadState(from reader: StreamReader, versionID: UInt32) throws {
        guard versionID == 1 else {
            throw MigrationError.malformedStream("\(idstr): unsupported section version \(versionID)")
        }
        var tag = try reader.get64("\(idstr) tag")
        while tag != VFIOStreamFlag.endOfState.rawValue {
            trace_vfio_load_state(name, tag)
            switch VFIOStreamFlag(rawValue: tag) {
            case .deviceConfigState:
                try loadConfigState(from: reader)
                return
            case .deviceSetupState:
                let end = try reader.get64("\(idstr) setup end tag")
                guard end == VFIOStreamFlag.endOfState.rawValue else {
                    throw MigrationError.malformedStream(
                        "\(idstr): SETUP STATE: EOS not found 0x\(String(end, radix: 16))")
                }
                return
            case .deviceDataState:
                let size = try reader.get64("\(idstr) data size")
                guard size <= maxDeviceDataBlock else {
                    throw MigrationError.malformedStream(
                        "\(idstr): data block of 0x\(String(size, radix: 16)) bytes exceeds the 64 MiB limit")
                }
                if size > 0 { try loadDeviceData(size: size, from: reader) }
            case .endOfState, nil:
                throw MigrationError.malformedStream("\(idstr): Unknown tag 0x\(String(tag, radix: 16))")
            }
            tag = try reader.get64("\(idstr) tag")
        }
    }

    private func loadConfigState(from reader: StreamReader) throws {
        let size = try reader.get64("\(idstr) config size")
        guard size == UInt64(DeviceMemory.configSize) else {
            throw MigrationError.malformedStream("\(idstr): config state of \(size) bytes, expected \(DeviceMemory.configSize)")
        }
        let blob = try reader.getBytes(Int(size), "\(idstr) config state")
        let end = try reader.get64("\(idstr) config end tag")
        guard end == VFIOStreamFlag.endOfState.rawValue else {
            throw MigrationError.malformedStream("\(idstr): Wrong end of block while loading device config space")
        }
        do {
            try memory.loadConfig(blob)
        } catch {
            throw MigrationError.deviceFailed(device: name, reason: error.description)
        }
        trace_vfio_load_device_config_state(name)
    }

    /// `.load_cleanup`.
    func loadCleanup() throws {
        defer { trace_vfio_load_cleanup(name) }
        try loadCleanupDevice()
    }

    /// The migration state notifier: on failure or cancellation the device goes back to RUNNING.
    func migrationStateChanged(_ status: MigrationStatus) {
        trace_vfio_migration_state_notifier(name, status.description)
        if status == .failed || status == .cancelled {
            recoverToRunning()
        }
    }
}
