import Testing
@testable import VFIOMigration

@Suite("destination state equals source state", .serialized)
struct MigrationEqualityTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var protocolVersion: MigrationProtocol
        var preCopy: Bool
        var devices: Int
        var transport: TestTransport
        var testDescription: String {
            "\(protocolVersion) \(preCopy ? "pre-copy" : "no pre-copy") \(devices) device(s) over \(transport)"
        }
    }

    static let cases: [Case] = MigrationProtocol.allCases.flatMap { version in
        [true, false].flatMap { preCopy in
            [1, 3].flatMap { devices in
                TestTransport.allCases.map { Case(protocolVersion: version, preCopy: preCopy, devices: devices, transport: $0) }
            }
        }
    }

    @Test("every page and the config arrive intact while a workload dirties memory", arguments: cases)
    func migrationPreservesState(_ testCase: Case) async throws {
        let configuration = MachineConfiguration(
            protocolVersion: testCase.protocolVersion, deviceCount: testCase.devices, pageCount: 16, pageSize: 256,
            features: testCase.preCopy ? [.p2p, .preCopy] : [.p2p], seed: UInt64(testCase.devices * 31 + 5),
            dirtyPagesPerStep: 2)
        var parameters = testParameters
        // v1 devices always enter pre-copy at setup; "without pre-copy" for them means no iteration.
        if !testCase.preCopy { parameters.maxIterations = 0 }
        let (source, destination) = try await runMigration(
            source: configuration, parameters: parameters, transport: testCase.transport)

        let summary = try source.result.get()
        let loaded = try destination.result.get()
        #expect(loaded == summary.sourceSnapshots)
        #expect(destination.snapshotsAfter == summary.sourceSnapshots)
        #expect(destination.snapshotsBefore != summary.sourceSnapshots)
        #expect(summary.sourceSnapshots != source.snapshotsBefore, "the workload should have changed the source")
        #expect(summary.dirtiedPages > 0)
        #expect(summary.deviceCount == testCase.devices)
        if testCase.transport == .file {
            #expect(summary.destinationMatches == nil)
        } else {
            #expect(summary.destinationMatches == true)
        }
        if testCase.preCopy { #expect(summary.iterations > 0) } else { #expect(summary.iterations == 0) }
        #expect(destination.allDevicesRunning)
        #expect(destination.runState == .running)
        #expect(!source.anyDeviceRunning)
        #expect(source.runState == .postmigrate)
    }
}
