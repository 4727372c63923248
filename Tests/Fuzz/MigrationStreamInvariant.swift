import VFIOMigration

/// The promise the migration destination makes, tested on one input: a stream that is not exactly the source's
/// fails with a one-line printable error and leaves no device running; a stream that loads leaves every device
/// running with exactly the source's state. Whatever the bytes, never a third outcome (a device running a state
/// that differs from the source's, or a crash).
///
/// The known source is a small machine with an idle guest (two v2 devices of 16 pages of 256 bytes, with
/// pre-copy), so its state at the end of a migration is its state at the start, computed without any stream.
/// The libFuzzer target (`Tests/Fuzz/Entry/MigrationStreamFuzzEntry.swift`) and the regression tests both call
/// this.
enum MigrationStreamInvariant {
    /// The machine on both sides.
    static let configuration = MachineConfiguration(
        protocolVersion: .v2, deviceCount: 2, pageCount: 16, pageSize: 256, features: [.p2p, .preCopy], seed: 0x5EED)
    /// A low bandwidth, so pre-copy sends the pages over a few SECTION_PARTs, as a real stream does.
    static let parameters = MigrationParameters(bandwidth: 64 << 10, downtimeLimit: 0.01, maxIterations: 4, ioTimeout: 10)
    /// The longest error message the bounded excerpts allow, with room to spare.
    static let maximumMessageBytes = 1024

    /// The source's state, from the machine itself: what any stream that loads must reproduce.
    static func sourceState() throws -> [DeviceSnapshot] {
        try VirtualMachine(configuration: configuration).snapshots()
    }

    /// A migration of the source, recorded: the fuzzer's seed.
    static func recordedStream() throws -> [UInt8] {
        let transport = MemoryTransport()
        _ = try MigrationSource(machine: VirtualMachine(configuration: configuration), parameters: parameters)
            .migrate(over: transport)
        return transport.written
    }

    /// The first broken promise for `bytes` loaded into a fresh destination, or nil when there is none.
    static func violation(in bytes: [UInt8], source: [DeviceSnapshot]) -> String? {
        let machine: VirtualMachine
        do {
            machine = try VirtualMachine(configuration: configuration, isDestination: true)
        } catch {
            return "the destination cannot be built: \(error)"
        }
        do {
            let loaded = try MigrationDestination(machine: machine).receive(over: MemoryTransport(reading: bytes))
            if loaded != source || machine.snapshots() != source {
                return "the stream loaded without an error, but the state differs from the source's"
            }
            if !machine.allDevicesRunning { return "the stream loaded, but devices are \(machine.deviceStates)" }
            return nil
        } catch {
            if machine.anyDeviceRunning { return "refused (\(error)), but a device runs: \(machine.deviceStates)" }
            return messageProblem("\(error)")
        }
    }

    /// What is wrong with an error message: a control character, or a length no bounded excerpt explains.
    static func messageProblem(_ message: String) -> String? {
        if let byte = message.utf8.first(where: { $0 < 0x20 || $0 == 0x7F }) {
            return "the error message holds the raw byte 0x\(String(byte, radix: 16)): \(message.debugDescription)"
        }
        if message.utf8.count > maximumMessageBytes {
            return "the error message is \(message.utf8.count) bytes long: \(message.prefix(200))..."
        }
        return nil
    }
}
