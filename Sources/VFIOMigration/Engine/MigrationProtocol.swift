/// Which VFIO migration protocol the devices and the engine speak.
public enum MigrationProtocol: String, Sendable, CaseIterable, CustomStringConvertible {
    /// Protocol v1: the migration region with the `device_state` bit mask (QEMU ≤ 7.2, Linux ≤ 5.17).
    case v1
    /// Protocol v2: the device state machine with data streams (QEMU ≥ 8.0, Linux ≥ 5.18).
    case v2

    /// The protocol's version number.
    public var version: UInt32 { self == .v1 ? 1 : 2 }

    /// `v1` or `v2`.
    public var description: String { rawValue }
}
