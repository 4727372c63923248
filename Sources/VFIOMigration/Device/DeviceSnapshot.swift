/// A comparable digest of a device's whole state: one checksum per page of device memory plus one for the config
/// space. Two devices hold the same state exactly when their snapshots are equal.
public struct DeviceSnapshot: Sendable, Hashable {
    /// The device's name.
    public var name: String
    /// The FNV-1a digest of every page, in page order.
    public var pageDigests: [UInt64]
    /// The FNV-1a digest of the config space.
    public var configDigest: UInt64

    /// Creates a snapshot from its digests.
    public init(name: String, pageDigests: [UInt64], configDigest: UInt64) {
        self.name = name
        self.pageDigests = pageDigests
        self.configDigest = configDigest
    }
}
