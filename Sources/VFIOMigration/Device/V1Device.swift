/// A simulated device speaking migration protocol v1: a migration region whose header holds `device_state`,
/// `pending_bytes`, `data_offset` and `data_size`, followed by a data section.
///
/// The accessors follow the uAPI's read and write rules: `pending_bytes`, `data_offset` and `data_size` are only
/// meaningful while SAVING or RESUMING; reading `data_offset` while saving makes the driver stage the next chunk;
/// writing `data_size` while resuming makes it consume that many bytes from the data section.
public final class V1Device {
    /// Offset of the data section within the region (the header fills the first page).
    public static let dataOffset: UInt64 = 0x1000

    /// The device's name (QEMU's `vbasedev->name`).
    public let name: String
    /// The device's memory and config space.
    public let memory: DeviceMemory
    /// Size of the data section, bounding one chunk of saved or loaded data.
    public let dataSectionSize: Int
    /// The `device_state` register; bits 3–31 are whatever the user last wrote.
    public private(set) var deviceState: V1DeviceState = .running
    /// States whose next write fails as a broken device would, leaving the device in the error state.
    public var failingTransitions: Set<V1DeviceState> = []

    private let dataSection: UnsafeMutableRawBufferPointer
    private var stagedSize: UInt64?
    private var loader: PageRecordLoader?

    /// Creates a running device with `memory`.
    public init(name: String, memory: DeviceMemory, dataSectionSize: Int = 1 << 20) {
        self.name = name
        self.memory = memory
        self.dataSectionSize = max(dataSectionSize, memory.recordSize)
        dataSection = .allocate(byteCount: self.dataSectionSize, alignment: 64)
        dataSection.initializeMemory(as: UInt8.self, repeating: 0)
    }

    deinit { dataSection.deallocate() }

    /// Whether the device executes, so a workload may write its memory.
    public var isRunning: Bool { deviceState.contains(.running) && !deviceState.isError }

    /// Writes `device_state`, carrying out the transition it implies.
    public func writeDeviceState(_ newValue: V1DeviceState) throws(DeviceError) {
        let old = deviceState
        guard newValue.isValid else {
            trace_sim_v1_device_error(name, old.rawValue, "invalid device_state \(newValue.rawValue)")
            throw .invalidArgument("device_state \(newValue.rawValue) (\(newValue)) is not valid")
        }
        guard !old.isError else {
            throw .invalidArgument("device is in the error state and must be reset")
        }
        if failingTransitions.remove(newValue.definedBits) != nil {
            enterError()
            throw .ioError("device failed to enter \(newValue)")
        }
        let defined = newValue.definedBits
        if old.contains(.resuming) && !defined.contains(.resuming) {
            do {
                try loader?.finish()
            } catch {
                enterError()
                throw error
            }
            loader = nil
        }
        if defined.contains(.saving) && !old.contains(.saving) {
            memory.startTracking()
        } else if !defined.contains(.saving) && old.contains(.saving) {
            memory.stopTracking()
        }
        if defined.contains(.resuming) && !old.contains(.resuming) {
            loader = PageRecordLoader(memory: memory)
        }
        stagedSize = nil
        deviceState = newValue
        trace_sim_v1_device_state(name, old.rawValue, newValue.rawValue)
    }

    /// Reads `pending_bytes`: what the device still has to save. Only valid while SAVING.
    public func readPendingBytes() throws(DeviceError) -> UInt64 {
        guard deviceState.contains(.saving), !deviceState.isError else {
            throw .invalidArgument("pending_bytes read while not saving (\(deviceState))")
        }
        return memory.pendingBytes
    }

    /// Reads `data_offset`. While SAVING this stages the next chunk of device data in the data section.
    public func readDataOffset() throws(DeviceError) -> UInt64 {
        if deviceState.isError { throw .invalidArgument("device is in the error state") }
        if deviceState.contains(.saving) {
            stagedSize = UInt64(memory.takeRecords(into: dataSection))
            return Self.dataOffset
        }
        if deviceState.contains(.resuming) { return Self.dataOffset }
        throw .invalidArgument("data_offset read while neither saving nor resuming (\(deviceState))")
    }

    /// Reads `data_size`: the size of the chunk staged by the last `data_offset` read. Only valid while SAVING.
    public func readDataSize() throws(DeviceError) -> UInt64 {
        guard deviceState.contains(.saving), !deviceState.isError else {
            throw .invalidArgument("data_size read while not saving (\(deviceState))")
        }
        guard let stagedSize else { throw .invalidArgument("data_size read before data_offset") }
        return stagedSize
    }

    /// Reads `count` bytes of the region at `offset` (inside the data section).
    public func readRegion(offset: UInt64, count: Int) throws(DeviceError) -> [UInt8] {
        let start = try dataSectionIndex(offset: offset, count: count)
        return Array(dataSection[start..<(start + count)])
    }

    /// Calls `body` with `count` bytes of the region at `offset` (inside the data section), as an mmapped region
    /// is read in place.
    public func withRegion<T>(
        offset: UInt64, count: Int, _ body: (UnsafeRawBufferPointer) throws -> T
    ) throws -> T {
        let start = try dataSectionIndex(offset: offset, count: count)
        return try body(UnsafeRawBufferPointer(rebasing: dataSection[start..<(start + count)]))
    }

    /// Writes `bytes` into the region at `offset` (inside the data section).
    public func writeRegion(offset: UInt64, bytes: [UInt8]) throws(DeviceError) {
        try withContiguousBytes(bytes) { (raw) throws(DeviceError) in try writeRegion(offset: offset, bytes: raw) }
    }

    /// Writes `bytes` into the region at `offset` (inside the data section).
    public func writeRegion(offset: UInt64, bytes: UnsafeRawBufferPointer) throws(DeviceError) {
        let start = try dataSectionIndex(offset: offset, count: bytes.count)
        guard let source = bytes.baseAddress else { return }
        (dataSection.baseAddress! + start).copyMemory(from: source, byteCount: bytes.count)
    }

    /// Writes `data_size` while RESUMING: the device consumes that many bytes from the data section.
    public func writeDataSize(_ size: UInt64) throws(DeviceError) {
        guard deviceState.definedBits == .resuming, let loader else {
            throw .invalidArgument("data_size written while not resuming (\(deviceState))")
        }
        guard size <= UInt64(dataSectionSize) else {
            throw .invalidArgument("data_size \(size) exceeds the data section (\(dataSectionSize))")
        }
        do {
            try loader.load(UnsafeRawBufferPointer(rebasing: dataSection[0..<Int(size)]))
        } catch {
            enterError()
            throw error
        }
    }

    /// Resets the device (`VFIO_DEVICE_RESET`): back to RUNNING with any session closed.
    public func reset() {
        let old = deviceState
        memory.stopTracking()
        loader = nil
        stagedSize = nil
        deviceState = .running
        trace_sim_v1_device_state(name, old.rawValue, deviceState.rawValue)
    }

    private func enterError() {
        let old = deviceState
        deviceState = V1DeviceState(rawValue: (old.rawValue & ~V1DeviceState.mask.rawValue))
            .union(.error)
        memory.stopTracking()
        loader = nil
        trace_sim_v1_device_error(name, deviceState.rawValue, "device entered the error state")
    }

    private func dataSectionIndex(offset: UInt64, count: Int) throws(DeviceError) -> Int {
        guard offset >= Self.dataOffset, count >= 0,
            offset - Self.dataOffset + UInt64(count) <= UInt64(dataSectionSize)
        else {
            throw .invalidArgument("region access at 0x\(String(offset, radix: 16)) size \(count) is outside the data section")
        }
        return Int(offset - Self.dataOffset)
    }
}
