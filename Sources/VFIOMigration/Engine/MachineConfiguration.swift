/// What a simulated machine consists of: its devices, their protocol and features, and its guest workload.
///
/// Both sides of a migration are built from the same configuration, as QEMU's destination is started with the
/// same command line as the source.
public struct MachineConfiguration: Sendable {
    /// The migration protocol the devices speak.
    public var protocolVersion: MigrationProtocol
    /// How many devices the machine has.
    public var deviceCount: Int
    /// Pages of memory per device.
    public var pageCount: Int
    /// Bytes per page.
    public var pageSize: Int
    /// The v2 features every device reports (ignored by v1, which always pre-copies).
    public var features: V2MigrationFeatures
    /// Seeds the initial device contents and the workload.
    public var seed: UInt64
    /// Pages the workload dirties per second while devices run.
    public var dirtyPagesPerSecond: Double
    /// Pages the workload dirties at every engine step, independent of time (repeatable runs).
    public var dirtyPagesPerStep: Int

    /// Creates a configuration; defaults describe a small machine with an idle guest.
    public init(
        protocolVersion: MigrationProtocol = .v2,
        deviceCount: Int = 1,
        pageCount: Int = 256,
        pageSize: Int = 4096,
        features: V2MigrationFeatures = [.stopCopy, .p2p, .preCopy],
        seed: UInt64 = 1,
        dirtyPagesPerSecond: Double = 0,
        dirtyPagesPerStep: Int = 0
    ) {
        self.protocolVersion = protocolVersion
        self.deviceCount = deviceCount
        self.pageCount = pageCount
        self.pageSize = pageSize
        self.features = features.union(.stopCopy)
        self.seed = seed
        self.dirtyPagesPerSecond = dirtyPagesPerSecond
        self.dirtyPagesPerStep = dirtyPagesPerStep
    }

    /// Refuses configurations the devices cannot have.
    public func validate() throws {
        guard (1...64).contains(deviceCount) else {
            throw MigrationError.invalidConfiguration("device count must be 1...64, got \(deviceCount)")
        }
        guard (1...(1 << 20)).contains(pageCount) else {
            throw MigrationError.invalidConfiguration("page count must be 1...1048576, got \(pageCount)")
        }
        guard (16...(1 << 20)).contains(pageSize) else {
            throw MigrationError.invalidConfiguration("page size must be 16...1048576 bytes, got \(pageSize)")
        }
        guard dirtyPagesPerSecond >= 0, dirtyPagesPerSecond.isFinite, dirtyPagesPerStep >= 0 else {
            throw MigrationError.invalidConfiguration("dirty rate must be a finite number >= 0")
        }
    }

    /// The name of device `index`, as QEMU's `vbasedev->name`.
    public static func deviceName(_ index: Int) -> String {
        let slot = String(index, radix: 16)
        return "0000:00:\(slot.count < 2 ? "0" + slot : slot).0"
    }
}
