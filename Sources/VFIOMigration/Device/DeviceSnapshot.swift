/// A comparable digest of a device's whole state: one checksum per page of device memory plus one for the config
/// space. Two devices hold the same state exactly when their snapshots are equal.
public struct DeviceSnapshot: Sendable, Hashable {
    /// The device's name.
    public var name: String
    /// The digest of every page, in page order: XXH3-64 of its contents seeded with its index (the value its page
    /// record carries as check value).
    public var pageDigests: [UInt64]
    /// The XXH3-64 digest of the config space.
    public var configDigest: UInt64

    /// Creates a snapshot from its digests.
    public init(name: String, pageDigests: [UInt64], configDigest: UInt64) {
        self.name = name
        self.pageDigests = pageDigests
        self.configDigest = configDigest
    }
}

extension DeviceSnapshot {
    /// One XXH3-64 digest over the snapshots of a whole machine, for comparing two machines in one line.
    public static func combinedDigest(of snapshots: [DeviceSnapshot]) -> UInt64 {
        let hasher = XXH3()
        for snapshot in snapshots {
            hasher.combine(XXH3.hash(Array(snapshot.name.utf8)))
            snapshot.pageDigests.withUnsafeBytes { hasher.combine($0) }
            hasher.combine(snapshot.configDigest)
        }
        return hasher.value
    }
}
