/// The migration features a v2 device reports through `VFIO_DEVICE_FEATURE_MIGRATION`.
public struct V2MigrationFeatures: OptionSet, Sendable, Hashable, CustomStringConvertible {
    /// The raw `VFIO_MIGRATION_*` flag bits.
    public let rawValue: UInt32

    /// Creates a feature set from `VFIO_MIGRATION_*` flag bits.
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// `VFIO_MIGRATION_STOP_COPY`: mandatory; STOP, RUNNING, STOP_COPY, RESUMING and ERROR exist.
    public static let stopCopy = V2MigrationFeatures(rawValue: 1 << 0)
    /// `VFIO_MIGRATION_P2P`: RUNNING_P2P exists.
    public static let p2p = V2MigrationFeatures(rawValue: 1 << 1)
    /// `VFIO_MIGRATION_PRE_COPY`: PRE_COPY exists, and PRE_COPY_P2P too when `p2p` is present.
    public static let preCopy = V2MigrationFeatures(rawValue: 1 << 2)

    /// Every feature set a device may report: STOP_COPY with any combination of the optional features.
    public static let allValid: [V2MigrationFeatures] = [
        [.stopCopy], [.stopCopy, .p2p], [.stopCopy, .preCopy], [.stopCopy, .p2p, .preCopy],
    ]

    /// Whether the device supports `state` with these features.
    public func supports(_ state: V2DeviceState) -> Bool {
        guard let required = state.requiredFeatures else { return false }
        return isSuperset(of: required)
    }

    /// The flag names, as `STOP_COPY|P2P|PRE_COPY`.
    public var description: String {
        var names: [String] = []
        if contains(.stopCopy) { names.append("STOP_COPY") }
        if contains(.p2p) { names.append("P2P") }
        if contains(.preCopy) { names.append("PRE_COPY") }
        return names.isEmpty ? "none" : names.joined(separator: "|")
    }
}
