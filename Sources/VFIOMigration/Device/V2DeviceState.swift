/// A state of the Linux VFIO migration protocol v2 device state machine (`enum vfio_device_mig_state`).
///
/// The raw values are the uAPI's, so a state can travel in a trace or a stream as the kernel would report it.
public enum V2DeviceState: UInt32, Sendable, CaseIterable, CustomStringConvertible {
    /// The device failed and must be reset (`VFIO_DEVICE_STATE_ERROR`).
    case error = 0
    /// The device neither runs nor changes its internal or external state.
    case stop = 1
    /// Normal operation.
    case running = 2
    /// Stopped, with its internal state readable from the data stream.
    case stopCopy = 3
    /// Stopped, loading new internal state from the data stream.
    case resuming = 4
    /// Running, but it may not initiate peer-to-peer DMA.
    case runningP2P = 5
    /// Running while its internal state is streamed and its changes tracked.
    case preCopy = 6
    /// `preCopy` with peer-to-peer DMA quiesced.
    case preCopyP2P = 7

    /// The state's name as QEMU's `mig_state_to_str` spells it.
    public var description: String {
        switch self {
        case .error: "ERROR"
        case .stop: "STOP"
        case .running: "RUNNING"
        case .stopCopy: "STOP_COPY"
        case .resuming: "RESUMING"
        case .runningP2P: "RUNNING_P2P"
        case .preCopy: "PRE_COPY"
        case .preCopyP2P: "PRE_COPY_P2P"
        }
    }

    /// The features a device needs for this state to exist (the kernel's `state_flags_table`); `nil` for ERROR,
    /// which no feature set supports as a requested state.
    public var requiredFeatures: V2MigrationFeatures? {
        switch self {
        case .error: nil
        case .stop, .running, .stopCopy, .resuming: .stopCopy
        case .preCopy: [.stopCopy, .preCopy]
        case .preCopyP2P: [.stopCopy, .p2p, .preCopy]
        case .runningP2P: [.stopCopy, .p2p]
        }
    }

    /// Whether the device executes (and so a workload may change its memory) in this state.
    public var isRunning: Bool {
        switch self {
        case .running, .runningP2P, .preCopy, .preCopyP2P: true
        case .error, .stop, .stopCopy, .resuming: false
        }
    }

    /// Whether the state belongs to the saving group, whose states share one data stream.
    public var isSaving: Bool {
        switch self {
        case .preCopy, .preCopyP2P, .stopCopy: true
        default: false
        }
    }
}
