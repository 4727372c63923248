/// QEMU's migration of a protocol v2 device: the device state machine, a data stream per session, PRECOPY_INFO
/// and MIG_DATA_SIZE for the pending estimates.
final class V2DeviceMigration: VFIODeviceMigration {
    /// QEMU's `VFIO_MIG_DEFAULT_DATA_BUFFER_SIZE`.
    static let defaultDataBufferSize: UInt64 = 1 << 20

    let device: V2Device
    var name: String { device.name }
    var memory: DeviceMemory { device.memory }
    private var dataStream: V2DataStream?
    private var dataBufferSize = Int(defaultDataBufferSize)
    private var precopyInitSize: UInt64 = 0
    private var precopyDirtySize: UInt64 = 0

    init(device: V2Device) {
        self.device = device
        probe()
    }

    var isDeviceRunning: Bool { device.isRunning }
    var deviceStateDescription: String { device.state.description }
    var isActiveIterate: Bool { device.state == .preCopy || device.state == .preCopyP2P }
    var hasPrepareCallback: Bool { device.features.contains(.p2p) }

    /// `vfio_migration_set_state`: on failure tries `recover`, and resets the device when `recover` is ERROR or
    /// fails too.
    private func setState(_ new: V2DeviceState, recover: V2DeviceState) throws {
        trace_vfio_migration_set_state(name, new.description)
        if device.state == new { return }
        do {
            try adopt(device.setState(new))
        } catch {
            let failure = MigrationError.deviceFailed(
                device: name, reason: "failed to change state to \(new): \(error)")
            if recover == .error {
                resetDevice()
                throw failure
            }
            do {
                try adopt(device.setState(recover))
            } catch {
                resetDevice()
            }
            throw failure
        }
    }

    /// `vfio_migration_set_state_or_reset`: a device that fails is reset; the failure is still reported.
    private func setStateOrReset(_ new: V2DeviceState) throws {
        try setState(new, recover: .error)
    }

    private func resetDevice() {
        device.reset()
        dataStream = nil
    }

    private func adopt(_ stream: V2DataStream?) throws {
        if let open = dataStream, !open.isOpen { dataStream = nil }
        guard let stream else { return }
        guard dataStream == nil else {
            throw MigrationError.deviceFailed(device: name, reason: "data_fd out of sync")
        }
        dataStream = stream
    }

    private func updatePrecopyInfo() {
        guard isActiveIterate, let dataStream, let info = try? dataStream.precopyInfo() else {
            precopyInitSize = 0
            precopyDirtySize = 0
            return
        }
        precopyInitSize = info.initialBytes
        precopyDirtySize = info.dirtyBytes
    }

    /// `vfio_save_block`: one read from the data stream, sent as a `DEV_DATA_STATE` block; 0 at a (temporary)
    /// end of the stream. The device writes the record table straight into the stream's buffer, after room for the
    /// tag and size, which are filled in once the size is known; the pages go out from device memory in the same
    /// gathering write.
    private func saveBlock(_ writer: StreamWriter) throws -> Int {
        guard let stream = dataStream, stream.isOpen else {
            throw MigrationError.deviceFailed(device: name, reason: "no open data stream in state \(device.state)")
        }
        let framing = 16
        let tableRoom = dataBufferSize / memory.recordSize * PageRecord.overhead
        var size = 0
        try writer.append(upTo: framing + tableRoom) { buffer, pieces in
            do {
                size = try stream.read(
                    table: UnsafeMutableRawBufferPointer(rebasing: buffer[framing...]), pieces: pieces,
                    maxBytes: dataBufferSize)
            } catch DeviceError.noMessage {
                size = 0
            } catch {
                throw MigrationError.deviceFailed(device: name, reason: "reading the data stream: \(error)")
            }
            guard size > 0 else { return 0 }
            buffer.storeBytes(of: VFIOStreamFlag.deviceDataState.rawValue.bigEndian, toByteOffset: 0, as: UInt64.self)
            buffer.storeBytes(of: UInt64(size).bigEndian, toByteOffset: 8, as: UInt64.self)
            return framing + size - pieces.byteCount
        }
        trace_vfio_save_block(name, Int32(clamping: size))
        return size
    }

    func saveSetup(_ writer: StreamWriter) throws {
        try writer.put(.deviceSetupState)
        // QEMU's min(1 MiB, stop_copy_length), at least one record (the device returns whole records only) and at
        // most what the stream buffer holds beside the block's framing.
        let stopCopySize = (try? device.stopCopyLength()) ?? Self.defaultDataBufferSize
        dataBufferSize = Int(min(Self.defaultDataBufferSize, max(stopCopySize, UInt64(memory.recordSize))))
        dataBufferSize = min(dataBufferSize, StreamWriter.capacity - 16)
        if device.features.contains(.preCopy), device.state == .running {
            try setState(.preCopy, recover: .running)
            updatePrecopyInfo()
        }
        trace_vfio_save_setup(name, UInt64(dataBufferSize))
        try writer.put(.endOfState)
    }

    func statePendingEstimate() throws -> UInt64 {
        isActiveIterate ? precopyInitSize + precopyDirtySize : 0
    }

    func statePendingExact() throws -> UInt64 {
        // QEMU assumes 100 GiB when the device cannot tell, which keeps the migration iterating.
        let stopCopySize = (try? device.stopCopyLength()) ?? (100 << 30)
        updatePrecopyInfo()
        let precopy = stopCopySize + (isActiveIterate ? precopyInitSize + precopyDirtySize : 0)
        trace_vfio_state_pending_exact(name, precopy, 0, stopCopySize)
        return precopy
    }

    func saveIterateData(_ writer: StreamWriter) throws -> (dataSize: Int, done: Bool) {
        let size = try saveBlock(writer)
        updatePrecopyInfo()
        try writer.put(.endOfState)
        return (size, precopyInitSize == 0 && precopyDirtySize == 0)
    }

    func saveCompletePrecopy(_ writer: StreamWriter) throws {
        var ret: Int32 = 0
        defer { trace_vfio_save_complete_precopy(name, ret) }
        do {
            try setState(.stopCopy, recover: .stop)
            while try saveBlock(writer) > 0 {}
            try writer.put(.endOfState)
        } catch {
            ret = -5
            throw error
        }
    }

    func saveCleanupDevice() {
        if device.state == .stopCopy { try? setStateOrReset(.stop) }
        dataStream = nil
        precopyInitSize = 0
        precopyDirtySize = 0
    }

    func loadSetup() throws {
        // QEMU recovers to the current state and resets a device that cannot recover, which here would put a
        // device with no loaded state into RUNNING; the destination leaves a failed device in ERROR instead.
        trace_vfio_migration_set_state(name, V2DeviceState.resuming.description)
        let recover = device.state
        do {
            try adopt(device.setState(.resuming))
        } catch {
            if device.state != .error { _ = try? device.setState(recover) }
            throw MigrationError.deviceFailed(device: name, reason: "failed to change state to RESUMING: \(error)")
        }
    }

    func loadDeviceData(size: UInt64, from reader: StreamReader) throws {
        var ret: Int32 = 0
        defer { trace_vfio_load_state_device_data(name, size, ret) }
        guard let stream = dataStream, stream.isOpen else {
            ret = -9
            throw MigrationError.deviceFailed(device: name, reason: "device data arrived in state \(device.state)")
        }
        do {
            try stream.receive(size: Int(clamping: size), from: reader)
        } catch let error as DeviceError {
            ret = -5
            throw MigrationError.deviceFailed(device: name, reason: "loading device data: \(error)")
        }
    }

    func loadCleanupDevice() throws {
        dataStream = nil
        guard device.state == .resuming else { return }
        trace_vfio_migration_set_state(name, V2DeviceState.stop.description)
        do {
            _ = try device.setState(.stop)
        } catch {
            throw MigrationError.deviceFailed(device: name, reason: "device refused the loaded state: \(error)")
        }
    }

    func vmStateChangePrepare(running: Bool, runState: RunState) throws {
        guard hasPrepareCallback else { return }
        try setStateOrReset(device.state == .preCopy ? .preCopyP2P : .runningP2P)
    }

    func vmStateChange(running: Bool, runState: RunState) throws {
        let new: V2DeviceState
        if running {
            new = .running
        } else if (device.state == .preCopy || device.state == .preCopyP2P)
            && (runState == .finishMigrate || runState == .paused)
        {
            new = .stopCopy
        } else {
            new = .stop
        }
        defer { trace_vfio_vmstate_change(name, running ? 1 : 0, runState.description, device.state.description) }
        try setStateOrReset(new)
    }

    func recoverToRunning() {
        try? setStateOrReset(.running)
        dataStream = nil
        precopyInitSize = 0
        precopyDirtySize = 0
    }
}
