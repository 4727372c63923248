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

extension DeviceSnapshot {
    /// One FNV-1a digest over the snapshots of a whole machine, for comparing two machines in one line.
    public static func combinedDigest(of snapshots: [DeviceSnapshot]) -> UInt64 {
        var hasher = FNV1a()
        for snapshot in snapshots {
            hasher.combine(snapshot.name.utf8)
            for digest in snapshot.pageDigests + [snapshot.configDigest] {
                hasher.combine((0..<8).map { UInt8(truncatingIfNeeded: digest >> ($0 * 8)) })
            }
        }
        return hasher.value
    }
}
