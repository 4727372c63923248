import Foundation
import Testing
import TraceEvents
@testable import VFIOMigration

/// The trace of whole migrations, captured through a `TraceBackend`, follows the save and load flows of QEMU's
/// docs/devel/migration/vfio.rst on each side, and the migration tests between them fire every event of the root
/// `trace-events`.
///
/// Trace state is process-wide: these tests switch the vfio_migration events on and add a backend, and the
/// runtime's own tests replace the backends and capture every enabled event. So these run serialized, alone in
/// a process of their own that ``IsolatedTraceRunTests`` starts; in the shared test process they are skipped.
@Suite(
    "Migration traces", .serialized,
    .enabled(if: IsolatedTraceRun.isIsolated, "runs in its own process, started by 'isolated trace run' below"))
struct MigrationTraceTests {
    /// A machine that always iterates at least once: the workload dirties pages at every step.
    static func machine(_ version: MigrationProtocol, devices: Int = 2) -> MachineConfiguration {
        MachineConfiguration(
            protocolVersion: version, deviceCount: devices, pageCount: 32, pageSize: 256, dirtyPagesPerStep: 2)
    }

    /// The names of the first `count` devices: VirtualMachine puts them in PCI slots from 2 on, as on QEMU's
    /// default machine.
    static func deviceNames(_ count: Int) -> [String] {
        (0..<count).map { MachineConfiguration.deviceName($0 + 2) }
    }

    /// Runs one migration with a recording backend; returns both sides' events.
    static func tracedMigration(
        _ configuration: MachineConfiguration, parameters: MigrationParameters = testParameters,
        transport: TestTransport = .tcp, sourceSetup: SourceSetup? = nil, destinationSetup: DestinationSetup? = nil
    ) async throws -> (source: [TracedEvent], destination: [TracedEvent], sourceFailed: Bool, destinationFailed: Bool) {
        let backend = RecordingTraceBackend()
        let (source, destination) = try await withMigrationTracing(backend) {
            try await runMigration(
                source: configuration, parameters: parameters, transport: transport, sourceSetup: sourceSetup,
                destinationSetup: destinationSetup, sideStarted: { backend.registerCurrentThread(as: $0) })
        }
        return (backend.events(of: .source), backend.events(of: .destination), source.error != nil, destination.error != nil)
    }

    @Test("the source and destination traces follow QEMU's documented flow", arguments: MigrationProtocol.allCases)
    func documentedFlow(version: MigrationProtocol) async throws {
        let run = try await Self.tracedMigration(Self.machine(version))
        #expect(!run.sourceFailed && !run.destinationFailed)
        for device in Self.deviceNames(2) {
            let sourceGap = missingStep(of: ExpectedTraces.source(version, device: device), in: run.source)
            #expect(sourceGap == nil, "source, \(device): \(sourceGap ?? "")")
            let destinationGap = missingStep(of: ExpectedTraces.destination(version, device: device), in: run.destination)
            #expect(destinationGap == nil, "destination, \(device): \(destinationGap ?? "")")
        }
        // Nothing of the other protocol leaks into a migration.
        let foreign = version == .v2 ? "vfio_v1_" : "vfio_migration_set_state"
        #expect(!(run.source + run.destination).contains { $0.name.hasPrefix(foreign) })
    }

    @Test("a device that fails its stop-and-copy transition is traced as such, and recovers to running")
    func failureIsTraced() async throws {
        let run = try await Self.tracedMigration(
            Self.machine(.v2), sourceSetup: { machine, _, _ in machine.v2Devices.last?.failingTransitions = [.stopCopy] })
        #expect(run.sourceFailed)
        let device = Self.deviceNames(2)[1]
        let gap = missingStep(
            of: [
                .init("vfio_migration_set_state", [0: device, 1: "STOP_COPY"]),
                .init("sim_v2_device_error", [0: device]),
                .init("migration_failed", [0: "stop-and-copy"]),
                .init("migration_status", [1: "failed"]),
                .init("vm_state_change", [0: "1", 1: "running"]),
            ], in: run.source)
        #expect(gap == nil, "\(gap ?? "")")
    }

    /// The event names the root `trace-events` declares, read from the file itself.
    static func eventNamesInRootFile() throws -> Set<String> {
        let text = try String(contentsOf: TestPaths.packageRoot.appendingPathComponent("trace-events"), encoding: .utf8)
        var names: Set<String> = []
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let paren = line.firstIndex(of: "(") else { continue }
            if let name = line[..<paren].split(separator: " ").last { names.insert(String(name)) }
        }
        return names
    }

    /// Runs the scenarios that together reach every event of the root trace-events file.
    @Test("the migration scenarios fire every event of the root trace-events")
    func everyEventIsFired() async throws {
        var seen: Set<String> = []
        func note(_ run: (source: [TracedEvent], destination: [TracedEvent], sourceFailed: Bool, destinationFailed: Bool)) {
            seen.formUnion((run.source + run.destination).map(\.name))
        }
        for version in MigrationProtocol.allCases {
            note(try await Self.tracedMigration(Self.machine(version, devices: 1)))
            // Failing source devices: v1's error state, v2's ERROR and reset.
            note(try await Self.tracedMigration(
                Self.machine(version, devices: 1),
                sourceSetup: { machine, _, _ in
                    machine.v1Devices.last?.failingTransitions = [.saving]
                    machine.v2Devices.last?.failingTransitions = [.stopCopy]
                }))
            // A destination device that cannot resume: the incoming side fails.
            note(try await Self.tracedMigration(
                Self.machine(version, devices: 1),
                destinationSetup: { machine, _, _ in
                    machine.v1Devices.first?.failingTransitions = [.resuming]
                    machine.v2Devices.first?.failingTransitions = [.resuming]
                }))
        }
        // A tight bandwidth limit makes the source sleep (migration_throttle); a dirtying guest takes the
        // dirty-bitmap paths.
        var slow = testParameters
        slow.bandwidth = 256 << 10
        note(try await Self.tracedMigration(
            MachineConfiguration(deviceCount: 1, pageCount: 64, pageSize: 256, dirtyPagesPerSecond: 2000),
            parameters: slow))
        let all = Set(migrationTraceEvents().map(\.name))
        #expect(all == (try Self.eventNamesInRootFile()), "the registered events are those of the root trace-events")
        let unfired = all.subtracting(seen)
        #expect(unfired.isEmpty, "events no migration test fired: \(unfired.sorted())")
    }
}
