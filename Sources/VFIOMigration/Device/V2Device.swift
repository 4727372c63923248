/// A simulated device speaking migration protocol v2: the device state machine driven through
/// `VFIO_DEVICE_FEATURE_MIG_DEVICE_STATE`, data streams, and the size queries.
///
/// A request for a state several arcs away is carried out arc by arc along the path the kernel's
/// `vfio_mig_get_next_state` would take. An arc that fails leaves the device in ERROR, from which only `reset`
/// recovers.
public final class V2Device {
    /// The device's name (QEMU's `vbasedev->name`).
    public let name: String
    /// The device's memory and config space.
    public let memory: DeviceMemory
    /// The migration features the device reports.
    public let features: V2MigrationFeatures
    /// The current state.
    public private(set) var state: V2DeviceState = .running
    /// Target states of arcs that fail as a broken device's would, once each, leaving the device in ERROR.
    public var failingTransitions: Set<V2DeviceState> = []

    private var stream: V2DataStream?
    private var loader: PageRecordLoader?

    /// Creates a running device; `features` always gains the mandatory STOP_COPY.
    public init(name: String, memory: DeviceMemory, features: V2MigrationFeatures) {
        self.name = name
        self.memory = memory
        self.features = features.union(.stopCopy)
    }

    /// Whether the device executes, so a workload may write its memory.
    public var isRunning: Bool { state.isRunning }

    /// `VFIO_DEVICE_FEATURE_SET | MIG_DEVICE_STATE`: moves the device to `target`, returning a new data stream
    /// when one was opened on the way.
    public func setState(_ target: V2DeviceState) throws(DeviceError) -> V2DataStream? {
        let path: [V2DeviceState]
        do {
            path = try V2StateMachine.path(from: state, to: target, features: features)
        } catch {
            trace_sim_v2_device_error(name, state.description, error.description)
            throw .invalidArgument(error.description)
        }
        var opened: V2DataStream?
        for next in path {
            if let new = try step(to: next) { opened = new }
        }
        return opened
    }

    /// `VFIO_DEVICE_RESET`: back to RUNNING, closing any stream.
    public func reset() {
        closeStream()
        memory.stopTracking()
        loader = nil
        trace_sim_v2_device_reset(name, state.description)
        state = .running
    }

    /// `VFIO_DEVICE_FEATURE_MIG_DATA_SIZE`: the bytes STOP_COPY would produce from now (`stop_copy_length`).
    public func stopCopyLength() throws(DeviceError) -> UInt64 {
        guard state != .error else { throw .invalidArgument("device is in ERROR") }
        return memory.isTracking ? memory.pendingBytes : UInt64(memory.pageCount * memory.recordSize)
    }

    private func step(to next: V2DeviceState) throws(DeviceError) -> V2DataStream? {
        let current = state
        if failingTransitions.remove(next) != nil {
            enterError()
            throw .ioError("arc \(current) -> \(next) failed")
        }
        var opened: V2DataStream?
        switch (current, next) {
        case (.running, .preCopy), (.runningP2P, .preCopyP2P), (.stop, .stopCopy):
            memory.startTracking()
            opened = openStream(.saving)
        case (.stopCopy, .stop), (.preCopy, .running), (.preCopyP2P, .runningP2P):
            closeStream()
            memory.stopTracking()
        case (.stop, .resuming):
            loader = PageRecordLoader(memory: memory)
            opened = openStream(.resuming)
        case (.resuming, .stop):
            closeStream()
            do {
                try loader?.finish()
            } catch {
                enterError()
                throw error
            }
            loader = nil
        default:
            // Arcs that only change whether the device runs or may do P2P DMA keep the session as it is.
            break
        }
        state = next
        trace_sim_v2_device_arc(name, current.description, next.description)
        return opened
    }

    private func openStream(_ direction: V2DataStream.Direction) -> V2DataStream {
        closeStream()
        let new = V2DataStream(direction: direction, device: self)
        stream = new
        return new
    }

    private func closeStream() {
        stream?.isOpen = false
        stream = nil
    }

    private func enterError() {
        closeStream()
        memory.stopTracking()
        loader = nil
        trace_sim_v2_device_error(name, state.description, "device entered ERROR")
        state = .error
    }

    func readStream(into buffer: UnsafeMutableRawBufferPointer) throws(DeviceError) -> Int {
        try readStream(maxBytes: buffer.count) { memory.takeRecords(into: buffer) }
    }

    func readStream(table: UnsafeMutableRawBufferPointer, pieces: IOVectorList, maxBytes: Int) throws(DeviceError)
        -> Int
    {
        try readStream(maxBytes: maxBytes) { memory.takeRecords(table: table, pieces: pieces, maxBytes: maxBytes) }
    }

    /// A read of at most `maxBytes` that `take` carries out, with the data fd's errors and ends.
    private func readStream(maxBytes: Int, _ take: () -> Int) throws(DeviceError) -> Int {
        switch state {
        case .preCopy, .preCopyP2P, .stopCopy:
            let count = take()
            if count == 0 && memory.pendingBytes > 0 {
                throw .invalidArgument("a read of \(maxBytes) bytes cannot hold a \(memory.recordSize)-byte record")
            }
            if count == 0 && state != .stopCopy { throw .noMessage }
            return count
        default:
            throw .invalidArgument("read in state \(state)")
        }
    }

    func writeStream(_ bytes: UnsafeRawBufferPointer) throws(DeviceError) {
        try withLoader { loader throws(DeviceError) in try loader.load(bytes) }
    }

    func receiveStream(size: Int, from reader: StreamReader) throws {
        guard state == .resuming, let loader else { throw DeviceError.invalidArgument("write in state \(state)") }
        do {
            try loader.receive(size: size, from: reader, "\(name) device data")
        } catch let error as DeviceError {
            enterError()
            throw error
        }
    }

    /// Runs `body` with the resuming session's loader; a record the loader refuses puts the device in ERROR.
    private func withLoader(_ body: (PageRecordLoader) throws(DeviceError) -> Void) throws(DeviceError) {
        guard state == .resuming, let loader else { throw .invalidArgument("write in state \(state)") }
        do {
            try body(loader)
        } catch {
            enterError()
            throw error
        }
    }

    func precopyInfo() throws(DeviceError) -> (initialBytes: UInt64, dirtyBytes: UInt64) {
        guard state == .preCopy || state == .preCopyP2P else {
            throw .invalidArgument("PRECOPY_INFO in state \(state)")
        }
        return (UInt64(memory.unsentCount * memory.recordSize), UInt64(memory.dirtyCount * memory.recordSize))
    }
}
