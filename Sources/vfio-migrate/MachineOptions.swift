import ArgumentParser
import VFIOMigration

/// The protocol choice on the command line.
enum ProtocolOption: String, ExpressibleByArgument, CaseIterable {
    case v1, v2

    var value: MigrationProtocol { self == .v1 ? .v1 : .v2 }
}

/// Options describing the simulated machine; both sides of a migration must be given the same ones.
struct MachineOptions: ParsableArguments {
    @Option(name: .customLong("protocol"), help: "VFIO migration protocol: v1 or v2.")
    var protocolVersion: ProtocolOption = .v2

    @Option(help: "Number of devices.")
    var devices = 2

    @Option(help: "Pages of device memory per device.")
    var pages = 256

    @Option(help: ArgumentHelp(
        "Device memory per device, with a unit (e.g. 64MiB, 1GiB); a whole number of pages. Replaces --pages.",
        valueName: "SIZE"))
    var deviceMemory: ByteSize?

    @Option(help: "Bytes per page.")
    var pageSize = 4096

    @Flag(inversion: .prefixedNo, help: "v2 devices support P2P quiescence (RUNNING_P2P).")
    var p2p = true

    @Flag(inversion: .prefixedNo, help: "v2 devices support pre-copy (PRE_COPY).")
    var precopy = true

    @Option(help: "Pages per second the guest workload dirties while devices run.")
    var dirtyRate: Double = 250

    @Option(help: "Seed for device contents and the workload.")
    var seed: UInt64 = 1

    /// The machine these options describe.
    var configuration: MachineConfiguration {
        var features: V2MigrationFeatures = .stopCopy
        if p2p { features.insert(.p2p) }
        if precopy { features.insert(.preCopy) }
        return MachineConfiguration(
            protocolVersion: protocolVersion.value, deviceCount: devices, pageCount: pageCount, pageSize: pageSize,
            features: features, seed: seed, dirtyPagesPerSecond: dirtyRate)
    }

    /// Pages per device: from --device-memory when given, else --pages.
    var pageCount: Int {
        guard let deviceMemory, pageSize > 0 else { return pages }
        return deviceMemory.bytes / pageSize
    }

    /// The same options as arguments, to start the other side with.
    var arguments: [String] {
        [
            "--protocol", protocolVersion.rawValue, "--devices", String(devices), "--pages", String(pageCount),
            "--page-size", String(pageSize), p2p ? "--p2p" : "--no-p2p", precopy ? "--precopy" : "--no-precopy",
            "--dirty-rate", String(dirtyRate), "--seed", String(seed),
        ]
    }

    func validate() throws {
        if let deviceMemory, pageSize > 0, deviceMemory.bytes % pageSize != 0 || deviceMemory.bytes == 0 {
            throw ValidationError(
                "--device-memory \(deviceMemory) is not a whole number of \(pageSize)-byte pages (at least one)")
        }
        do {
            try configuration.validate()
        } catch {
            throw ValidationError("\(error)")
        }
    }
}
