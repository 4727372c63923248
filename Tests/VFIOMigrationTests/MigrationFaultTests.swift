import Testing
@testable import VFIOMigration

/// Each fault leaves the destination with an error and no running device, and the source failed, with every device
/// back in RUNNING holding exactly the data it had (the workload is idle, so nothing else changes it).
@Suite("faults", .serialized)
struct MigrationFaultTests {
    static func configuration(_ version: MigrationProtocol, devices: Int = 2) -> MachineConfiguration {
        MachineConfiguration(
            protocolVersion: version, deviceCount: devices, pageCount: 8, pageSize: 128, features: [.p2p, .preCopy],
            seed: 11)
    }

    private func expectSourceRecovered(_ source: SideOutcome<MigrationSummary>, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(source.error != nil, "the source should fail", sourceLocation: sourceLocation)
        #expect(source.allDevicesRunning, "source devices: \(source.deviceStates)", sourceLocation: sourceLocation)
        #expect(source.runState == .running, sourceLocation: sourceLocation)
        #expect(source.snapshotsAfter == source.snapshotsBefore, "source data changed", sourceLocation: sourceLocation)
    }

    private func expectDestinationRefused(_ destination: SideOutcome<[DeviceSnapshot]>, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(destination.error != nil, "the destination should fail", sourceLocation: sourceLocation)
        #expect(!destination.anyDeviceRunning, "destination devices: \(destination.deviceStates)", sourceLocation: sourceLocation)
        #expect(destination.runState != .running, sourceLocation: sourceLocation)
    }

    static let droppedPhases: [MigrationPhase] = [.setup, .iterate, .stopAndCopy, .deviceConfig, .awaitingReply]

    @Test("the connection drops in a phase", arguments: MigrationProtocol.allCases, droppedPhases)
    func connectionDropped(version: MigrationProtocol, phase: MigrationPhase) async throws {
        let (source, destination) = try await runMigration(
            source: Self.configuration(version), transport: .tcp,
            sourceSetup: { _, migration, transport in
                let transport = Handoff(value: transport)
                migration.phaseObserver = { if $0 == phase { transport.value.shutdown() } }
            })
        expectSourceRecovered(source)
        expectDestinationRefused(destination)
        #expect(destination.error?.description.contains("stream ended") == true, "\(String(describing: destination.error))")
    }

    @Test("a corrupted device record is refused by the destination device", arguments: MigrationProtocol.allCases)
    func corruptedStream(version: MigrationProtocol) async throws {
        let (source, destination) = try await runMigration(
            source: Self.configuration(version), transport: .file,
            editFile: { bytes in
                // The first DEV_DATA_STATE block: tag, be64 size, then the record table; flip a byte of the second
                // entry's check value.
                let tag: [UInt8] = [0xff, 0xff, 0xff, 0xff, 0xef, 0x10, 0x00, 0x04]
                guard let start = bytes.indices.first(where: { Array(bytes[$0..<min($0 + 8, bytes.count)]) == tag })
                else { return }
                bytes[start + 8 + 8 + 4 + 10] ^= 0x5a
            })
        _ = try source.result.get()
        expectDestinationRefused(destination)
        #expect(destination.error?.description.contains("fails its check value") == true, "\(String(describing: destination.error))")
        #expect(destination.deviceStates.contains(version == .v1 ? "error" : "ERROR"))
    }

    @Test("a truncated stream is refused", arguments: MigrationProtocol.allCases)
    func truncatedStream(version: MigrationProtocol) async throws {
        let (_, destination) = try await runMigration(
            source: Self.configuration(version), transport: .file,
            editFile: { bytes in bytes.removeLast(bytes.count / 2) })
        expectDestinationRefused(destination)
        guard case .truncatedStream = destination.error else {
            Issue.record("expected a truncated stream, got \(String(describing: destination.error))")
            return
        }
    }

    @Test("an unknown section is refused and the source recovers", arguments: MigrationProtocol.allCases)
    func unknownSection(version: MigrationProtocol) async throws {
        let (source, destination) = try await runMigration(
            source: Self.configuration(version, devices: 3), destination: Self.configuration(version, devices: 2),
            transport: .unix)
        expectSourceRecovered(source)
        expectDestinationRefused(destination)
        guard case .unknownSection(let message) = destination.error else {
            Issue.record("expected an unknown section, got \(String(describing: destination.error))")
            return
        }
        #expect(message.contains("0000:00:04.0/vfio"))
    }

    @Test("an unknown VFIO tag is refused", arguments: MigrationProtocol.allCases)
    func unknownFlag(version: MigrationProtocol) async throws {
        let (_, destination) = try await runMigration(
            source: Self.configuration(version), transport: .file,
            editFile: { bytes in
                let setup: [UInt8] = [0xff, 0xff, 0xff, 0xff, 0xef, 0x10, 0x00, 0x03]
                guard let start = bytes.indices.first(where: { Array(bytes[$0..<min($0 + 8, bytes.count)]) == setup })
                else { return }
                bytes[start + 7] = 0x09
            })
        expectDestinationRefused(destination)
        #expect(destination.error == .malformedStream("0000:00:02.0/vfio: Unknown tag 0xffffffffef100009"))
    }

    @Test("a source device fails the transition into stop-and-copy", arguments: MigrationProtocol.allCases)
    func sourceDeviceFailsTransition(version: MigrationProtocol) async throws {
        let (source, destination) = try await runMigration(
            source: Self.configuration(version), transport: .tcp,
            sourceSetup: { machine, _, _ in
                machine.v1Devices.last?.failingTransitions = [.saving]
                machine.v2Devices.last?.failingTransitions = [.stopCopy]
            })
        expectSourceRecovered(source)
        expectDestinationRefused(destination)
        guard case .deviceFailed(let device, _) = source.error else {
            Issue.record("expected a device failure, got \(String(describing: source.error))")
            return
        }
        #expect(device == "0000:00:03.0")
    }

    @Test("a destination device fails to enter RESUMING", arguments: MigrationProtocol.allCases)
    func destinationDeviceFailsTransition(version: MigrationProtocol) async throws {
        let (source, destination) = try await runMigration(
            source: Self.configuration(version), transport: .tcp,
            destinationSetup: { machine, _, _ in
                machine.v1Devices.first?.failingTransitions = [.resuming]
                machine.v2Devices.first?.failingTransitions = [.resuming]
            })
        expectSourceRecovered(source)
        expectDestinationRefused(destination)
        guard case .deviceFailed(let device, _) = destination.error else {
            Issue.record("expected a device failure, got \(String(describing: destination.error))")
            return
        }
        #expect(device == "0000:00:02.0")
    }

    static let destinationPhases: [IncomingPhase] = [.setup, .load, .cleanup]

    @Test("the destination drops the connection in a phase", arguments: MigrationProtocol.allCases, destinationPhases)
    func destinationDropsConnection(version: MigrationProtocol, phase: IncomingPhase) async throws {
        let (source, destination) = try await runMigration(
            source: Self.configuration(version), transport: .tcp,
            destinationSetup: { _, migration, transport in
                let transport = Handoff(value: transport)
                migration.phaseObserver = { if $0 == phase { transport.value.shutdown() } }
            })
        expectSourceRecovered(source)
        expectDestinationRefused(destination)
    }

    @Test("the connection drops while the destination waits for the go-ahead: never both sides running",
          arguments: MigrationProtocol.allCases)
    func dropBeforeGoAhead(version: MigrationProtocol) async throws {
        let (source, destination) = try await runMigration(
            source: Self.configuration(version), transport: .tcp,
            destinationSetup: { _, migration, transport in
                let transport = Handoff(value: transport)
                migration.phaseObserver = { if $0 == .awaitingGoAhead { transport.value.shutdown() } }
            })
        // Whether the go-ahead byte was already in the destination's socket buffer when it shut down is a race;
        // what must hold either way is that the two sides never both run, and that a side that failed does not.
        #expect(!(source.anyDeviceRunning && destination.anyDeviceRunning))
        if destination.error != nil { expectDestinationRefused(destination) }
        if source.error != nil { expectSourceRecovered(source) }
        #expect(source.snapshotsAfter == source.snapshotsBefore)
    }

    @Test("a cancelled migration sends the source devices back to RUNNING", arguments: MigrationProtocol.allCases,
          [MigrationPhase.iterate, .stopAndCopy])
    func cancelled(version: MigrationProtocol, phase: MigrationPhase) async throws {
        let (source, destination) = try await runMigration(
            source: Self.configuration(version), transport: .unix,
            sourceSetup: { _, migration, _ in
                let cancellation = migration.cancellation
                migration.phaseObserver = { if $0 == phase { cancellation.cancel() } }
            })
        expectSourceRecovered(source)
        expectDestinationRefused(destination)
        guard case .cancelled = source.error else {
            Issue.record("expected a cancellation, got \(String(describing: source.error))")
            return
        }
    }
}
