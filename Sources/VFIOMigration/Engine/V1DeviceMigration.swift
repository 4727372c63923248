/// QEMU 7.2's migration of a protocol v1 device: `device_state` changed by read-modify-write, data moved through
/// the migration region's data section.
final class V1DeviceMigration: VFIODeviceMigration {
    let device: V1Device
    var name: String { device.name }
    var memory: DeviceMemory { device.memory }
    private var pendingBytes: UInt64 = 0

    init(device: V1Device) {
        self.device = device
        probe()
    }

    var isDeviceRunning: Bool { device.isRunning }
    var deviceStateDescription: String { device.deviceState.description }
    var isActiveIterate: Bool { device.deviceState.contains(.saving) && !device.deviceState.isError }
    var hasPrepareCallback: Bool { false }

    /// `vfio_migration_set_state(vbasedev, mask, value)`: `device_state = (device_state & mask) | value`.
    private func setState(mask: UInt32, value: UInt32) throws {
        let new = V1DeviceState(rawValue: (device.deviceState.rawValue & mask) | value)
        trace_vfio_migration_v1_set_state(name, new.rawValue)
        do {
            try device.writeDeviceState(new)
        } catch {
            throw MigrationError.deviceFailed(
                device: name, reason: "failed to set device_state \(new.rawValue) (\(new)): \(error)")
        }
    }

    private static let running = V1DeviceState.running.rawValue
    private static let saving = V1DeviceState.saving.rawValue
    private static let resuming = V1DeviceState.resuming.rawValue
    private static let mask = V1DeviceState.mask.rawValue

    private func updatePending() throws {
        do {
            pendingBytes = try device.readPendingBytes()
        } catch {
            pendingBytes = 0
            throw MigrationError.deviceFailed(device: name, reason: "reading pending_bytes: \(error)")
        }
        trace_vfio_update_pending(name, pendingBytes)
    }

    /// `vfio_save_buffer`: one chunk from the data section, as `be64 size` and the bytes.
    private func saveBuffer(_ writer: StreamWriter) throws -> UInt64 {
        let offset: UInt64
        let size: UInt64
        do {
            offset = try device.readDataOffset()
            size = try device.readDataSize()
        } catch {
            throw MigrationError.deviceFailed(device: name, reason: "reading device data: \(error)")
        }
        try writer.put64(size)
        // The data section is read in place, as QEMU reads an mmapped region.
        try device.withRegion(offset: offset, count: Int(size)) { try writer.putBytes($0) }
        try updatePending()
        trace_vfio_save_buffer(name, offset, size, pendingBytes)
        return size
    }

    func saveSetup(_ writer: StreamWriter) throws {
        trace_vfio_v1_save_setup(name)
        try writer.put(.deviceSetupState)
        try setState(mask: Self.mask, value: Self.saving)
        try writer.put(.endOfState)
    }

    func statePendingEstimate() throws -> UInt64 {
        try updatePending()
        trace_vfio_v1_save_pending(name, pendingBytes, 0)
        return pendingBytes
    }

    func statePendingExact() throws -> UInt64 { try statePendingEstimate() }

    func saveIterateData(_ writer: StreamWriter) throws -> (dataSize: Int, done: Bool) {
        try writer.put(.deviceDataState)
        if pendingBytes == 0 {
            try updatePending()
            if pendingBytes == 0 {
                try writer.put64(0)
                try writer.put(.endOfState)
                return (0, true)
            }
        }
        let size = try saveBuffer(writer)
        try writer.put(.endOfState)
        return (Int(size), false)
    }

    func saveCompletePrecopy(_ writer: StreamWriter) throws {
        try setState(mask: ~Self.running, value: Self.saving)
        try updatePending()
        while pendingBytes > 0 {
            try writer.put(.deviceDataState)
            if try saveBuffer(writer) == 0 { break }
        }
        try writer.put(.endOfState)
        try setState(mask: ~Self.saving, value: 0)
        trace_vfio_v1_save_complete_precopy(name)
    }

    func saveCleanupDevice() {}

    func loadSetup() throws {
        try setState(mask: ~Self.mask, value: Self.resuming)
    }

    /// `vfio_v1_load_buffer`: the block goes through the data section in chunks the section can hold.
    func loadDeviceData(size: UInt64, from reader: StreamReader) throws {
        var remaining = size
        while remaining > 0 {
            let chunk = min(remaining, UInt64(device.dataSectionSize))
            var filled: UInt64 = 0
            do {
                let offset = try device.readDataOffset()
                while filled < chunk {
                    filled += UInt64(
                        try reader.consume(upTo: Int(chunk - filled), "\(idstr) device data") { bytes in
                            try device.writeRegion(offset: offset + filled, bytes: bytes)
                        })
                }
                try device.writeDataSize(chunk)
                trace_vfio_v1_load_state_device_data(name, offset, chunk)
            } catch let error as DeviceError {
                throw MigrationError.deviceFailed(device: name, reason: "loading device data: \(error)")
            }
            remaining -= chunk
        }
    }

    func loadCleanupDevice() throws {
        if device.deviceState.definedBits == .resuming {
            try setState(mask: ~Self.mask, value: 0)
        }
    }

    func vmStateChangePrepare(running: Bool, runState: RunState) throws {}

    func vmStateChange(running: Bool, runState: RunState) throws {
        let mask = running ? ~Self.mask : ~Self.running
        let value = running ? Self.running : 0
        defer {
            trace_vfio_v1_vmstate_change(name, running ? 1 : 0, runState.description, device.deviceState.rawValue)
        }
        do {
            try setState(mask: mask, value: value)
        } catch {
            resetIfBroken()
            throw error
        }
    }

    func recoverToRunning() {
        pendingBytes = 0
        do {
            try setState(mask: ~(Self.saving | Self.resuming), value: Self.running)
        } catch {
            resetIfBroken()
        }
    }

    /// QEMU 7.2 calls `hw_error` on a device stuck in the error state; the engine resets it instead, which keeps
    /// device memory and returns it to RUNNING.
    private func resetIfBroken() {
        if device.deviceState.isError { device.reset() }
    }
}
