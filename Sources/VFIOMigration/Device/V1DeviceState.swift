/// The `device_state` field of the v1 migration region (`struct vfio_device_migration_info`, Linux ≤ 5.17 uAPI).
///
/// A bit mask, not an enumeration: QEMU 7.2 changes it with read-modify-write (`(state & mask) | value`), and bits
/// 3–31 are reserved and must survive such writes.
public struct V1DeviceState: OptionSet, Sendable, Hashable, CustomStringConvertible {
    /// The raw register value.
    public let rawValue: UInt32

    /// Creates a state from a raw register value.
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// `VFIO_DEVICE_STATE_STOP` (no bits set).
    public static let stop: V1DeviceState = []
    /// `VFIO_DEVICE_STATE_RUNNING`.
    public static let running = V1DeviceState(rawValue: 1 << 0)
    /// `VFIO_DEVICE_STATE_SAVING`.
    public static let saving = V1DeviceState(rawValue: 1 << 1)
    /// `VFIO_DEVICE_STATE_RESUMING`.
    public static let resuming = V1DeviceState(rawValue: 1 << 2)
    /// `VFIO_DEVICE_STATE_MASK`: the three defined bits.
    public static let mask: V1DeviceState = [.running, .saving, .resuming]
    /// The error encoding `VFIO_DEVICE_STATE_SET_ERROR` produces (SAVING|RESUMING).
    public static let error: V1DeviceState = [.saving, .resuming]

    /// `VFIO_DEVICE_STATE_VALID`: RESUMING may not be combined with another defined bit.
    public var isValid: Bool {
        contains(.resuming) ? intersection(.mask) == .resuming : true
    }

    /// `VFIO_DEVICE_STATE_IS_ERROR`.
    public var isError: Bool { intersection(.mask) == .error }

    /// The state with its reserved bits cleared.
    public var definedBits: V1DeviceState { intersection(.mask) }

    /// The bit table's name for the defined bits (`stop`, `running`, `stop-and-copy`, `pre-copy`, `resuming`,
    /// `error`, `invalid`).
    public var description: String {
        switch definedBits.rawValue {
        case 0b000: "stop"
        case 0b001: "running"
        case 0b010: "stop-and-copy"
        case 0b011: "pre-copy"
        case 0b100: "resuming"
        case 0b110: "error"
        default: "invalid(\(rawValue))"
        }
    }
}
