import Foundation
import Testing
@testable import VFIOMigration

/// The stream proves it is whole: any flipped bit, replayed, reordered or missing section is refused before a
/// device runs, in file mode and over TCP; a peer that sends too slowly is cut off by the transfer's limits.
@Suite("stream integrity", .serialized)
struct StreamIntegrityTests {
    /// Saves a migration of `configuration` to a file; returns the path.
    static func saveStream(_ configuration: MachineConfiguration, parameters: MigrationParameters = testParameters) throws
        -> String
    {
        let path = temporaryPath("stream")
        let machine = try VirtualMachine(configuration: configuration)
        _ = try MigrationSource(machine: machine, parameters: parameters).migrate(over: FileTransport.create(path: path))
        return path
    }

    /// Loads `path` into a fresh destination; returns the error (nil if it loaded) and whether any device runs.
    static func load(_ configuration: MachineConfiguration, from transport: any Transport, limits: TransferLimits = .init())
        throws -> (error: MigrationError?, running: Bool)
    {
        let machine = try VirtualMachine(configuration: configuration, isDestination: true)
        do {
            _ = try MigrationDestination(machine: machine, limits: limits).receive(over: transport)
            return (nil, machine.anyDeviceRunning)
        } catch {
            return (error as? MigrationError, machine.anyDeviceRunning)
        }
    }

    @Test("a single flipped bit anywhere in a 64 MiB stream is refused, at 100 random offsets")
    func flippedBits() throws {
        let configuration = MachineConfiguration(protocolVersion: .v2, deviceCount: 1, pageCount: 16384, pageSize: 4096)
        let path = try Self.saveStream(configuration)
        defer { unlink(path) }
        let size = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        #expect(size > 64 << 20)
        let fd = open(path, O_RDWR)
        defer { close(fd) }
        var generator = SplitMix64(seed: 0x5EED_F11B)
        for _ in 0..<100 {
            let offset = Int(generator.next() % UInt64(size))
            let bit = UInt8(1) << (generator.next() % 8)
            var byte: UInt8 = 0
            #expect(pread(fd, &byte, 1, off_t(offset)) == 1)
            var flipped = byte ^ bit
            #expect(pwrite(fd, &flipped, 1, off_t(offset)) == 1)
            let outcome = try Self.load(configuration, from: FileTransport.open(path: path))
            #expect(pwrite(fd, &byte, 1, off_t(offset)) == 1)
            #expect(outcome.error != nil, "bit \(bit) of byte \(offset) of \(size) flipped, and the stream loaded")
            #expect(!outcome.running, "bit \(bit) of byte \(offset): a device runs")
        }
        // The intact stream still loads: the refusals above were the flips'.
        let intact = try Self.load(configuration, from: FileTransport.open(path: path))
        #expect(intact.error == nil && intact.running, "\(String(describing: intact.error))")
    }

    @Test("each side hashes the payload once and copies almost none of it, and snapshots afterwards hash nothing")
    func payloadPasses() throws {
        let configuration = MachineConfiguration(protocolVersion: .v2, deviceCount: 2, pageCount: 1024, pageSize: 4096)
        let path = temporaryPath("stream")
        defer { unlink(path) }
        let source = try VirtualMachine(configuration: configuration)
        let summary = try MigrationSource(machine: source, parameters: testParameters)
            .migrate(over: FileTransport.create(path: path))
        let machine = try VirtualMachine(configuration: configuration, isDestination: true)
        let destination = MigrationDestination(machine: machine)
        let snapshots = try destination.receive(over: FileTransport.open(path: path))
        #expect(snapshots == summary.sourceSnapshots)
        let state = UInt64(2 * 1024 * 4096)
        for (side, passes) in [("source", summary.payloadPasses), ("destination", destination.passes)] {
            // Every page moved once (an idle guest) and hashed once where it lies. Pages go out of and into device
            // memory without a copy in user space (the destination copies only the few it read ahead with a
            // block's framing), and the stream digest covers the framing and record tables, not the pages.
            #expect(passes.pageBytes == state, "\(side): \(passes)")
            #expect(passes.hashedBytes == state, "\(side): \(passes)")
            #expect(passes.copiedBytes <= state / 100, "\(side): \(passes)")
            #expect(passes.digestedBytes > 0 && passes.digestedBytes <= state / 100, "\(side): \(passes)")
            #expect(passes.passesPerByte <= 1.02, "\(side): \(passes)")
        }
        let before = (source.payloadPasses, machine.payloadPasses)
        _ = (source.snapshots(), machine.snapshots())
        #expect(source.payloadPasses == before.0 && machine.payloadPasses == before.1)
    }

    // MARK: Replayed, reordered and missing sections

    /// A machine that iterates: small pages, a workload that dirties pages at every step.
    static let iterating = MachineConfiguration(
        protocolVersion: .v2, deviceCount: 2, pageCount: 32, pageSize: 256, features: [.p2p, .preCopy], seed: 5,
        dirtyPagesPerStep: 2)
    static let iterationParameters = MigrationParameters(
        bandwidth: 1 << 20, downtimeLimit: 0.001, maxIterations: 6, ioTimeout: 20)

    /// The edits, each on the list of sections (type and bytes) between the header and `QEMU_VM_EOF`.
    static let edits: [(name: String, edit: @Sendable (inout [Section]) -> Void)] = [
        ("a SECTION_PART replayed after the final sections", { sections in
            let part = sections.first { $0.type == .sectionPart }!
            sections.append(part)
        }),
        ("a SECTION_PART replayed right after itself", { sections in
            let index = sections.firstIndex { $0.type == .sectionPart }!
            sections.insert(sections[index], at: index + 1)
        }),
        ("two SECTION_PARTs of one device swapped", { sections in
            let parts = sections.indices.filter { sections[$0].type == .sectionPart && sections[$0].id == 0 }
            sections.swapAt(parts[0], parts[1])
        }),
        ("a SECTION_PART removed", { sections in
            sections.remove(at: sections.lastIndex { $0.type == .sectionPart }!)
        }),
    ]

    @Test("replayed, reordered and missing sections are refused in file mode and over TCP", arguments: [false, true])
    func editedSections(overTCP: Bool) async throws {
        let path = try Self.saveStream(Self.iterating, parameters: Self.iterationParameters)
        defer { unlink(path) }
        let original = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let stream = try SectionedStream(original)
        #expect(stream.sections.filter { $0.type == .sectionPart && $0.id == 0 }.count >= 2)
        #expect(stream.joined() == original, "the test's section walker must reproduce the stream")
        for (name, edit) in Self.edits {
            var edited = stream
            edit(&edited.sections)
            let bytes = edited.joined()
            let outcome = try await Self.loadBytes(bytes, overTCP: overTCP)
            #expect(outcome.error != nil, "\(name): loaded")
            #expect(!outcome.running, "\(name): a device runs")
        }
    }

    /// Loads `bytes` through a file, or sends them over TCP as a source would.
    static func loadBytes(_ bytes: [UInt8], overTCP: Bool, limits: TransferLimits = .init()) async throws
        -> (error: MigrationError?, running: Bool)
    {
        guard overTCP else {
            let path = temporaryPath("stream")
            defer { unlink(path) }
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            return try load(iterating, from: FileTransport.open(path: path), limits: limits)
        }
        let listener = Handoff(value: try SocketListener(address: .tcp(host: "127.0.0.1", port: 0)))
        let bound = listener.value.boundAddress
        let outcome = StartedThread {
            defer { listener.value.close() }
            let transport = try listener.value.accept(timeout: 20, ioTimeout: 20)
            let result = try load(iterating, from: transport, limits: limits)
            return Handoff(value: result)
        }
        let sender = try SocketTransport.connect(to: bound, timeout: 20)
        try? sender.write(bytes)
        let result = try await outcome.value().value
        sender.close()
        return result
    }

    @Test("a peer that trickles bytes is cut off by the minimum rate, and by the transfer timeout")
    func slowPeer() async throws {
        for (limits, expected) in [
            (TransferLimits(timeout: 60, minimumRate: 1_048_576, grace: 0.5), "too slowly"),
            (TransferLimits(timeout: 1, minimumRate: 0, grace: 0), "deadline"),
        ] {
            let listener = Handoff(value: try SocketListener(address: .tcp(host: "127.0.0.1", port: 0)))
            let bound = listener.value.boundAddress
            let start = Date()
            // Started at once: a destination that began late would find the trickle already buffered. The cut-off
            // time is taken on the destination's thread: the awaiting test may resume seconds later on a busy pool.
            let outcome = StartedThread {
                defer { listener.value.close() }
                let transport = try listener.value.accept(timeout: 20, ioTimeout: 5)
                let result = try Self.load(Self.iterating, from: transport, limits: limits)
                return Handoff(value: (result, Date().timeIntervalSince(start)))
            }
            let sender = try SocketTransport.connect(to: bound, timeout: 20)
            try sender.write([0x51, 0x45, 0x56, 0x4d, 0, 0, 0, 3])
            for _ in 0..<40 {
                if (try? sender.write([SavevmSectionType.sectionStart.rawValue])) == nil { break }
                usleep(100_000)
                if Date().timeIntervalSince(start) > 4 { break }
            }
            let (result, cutOff) = try await outcome.value().value
            sender.close()
            guard case .timedOut(let message) = result.error else {
                Issue.record("expected a timeout, got \(String(describing: result.error))")
                continue
            }
            #expect(message.contains(expected), "\(message)")
            #expect(cutOff < 3.5, "cut off only after \(cutOff) s (the peer trickles for 4 s)")
            #expect(!result.running)
        }
    }
}

/// One savevm section of a stream: its type, section id and bytes (header to footer).
struct Section: Sendable {
    var type: SavevmSectionType
    var id: UInt32
    var bytes: [UInt8]
}

/// A stream cut into its header, its sections and the rest (`QEMU_VM_EOF` and the trailer), by reading QEMU's
/// framing and the VFIO tags as the notes describe them: the test's own reading of the format.
struct SectionedStream: Sendable {
    var header: [UInt8]
    var sections: [Section]
    var rest: [UInt8]

    init(_ bytes: [UInt8]) throws {
        var offset = 8
        func be(_ count: Int) -> UInt64 {
            defer { offset += count }
            return bytes[offset..<(offset + count)].reduce(0) { $0 << 8 | UInt64($1) }
        }
        header = Array(bytes[0..<8])
        sections = []
        while let type = SavevmSectionType(rawValue: bytes[offset]), type != .eof {
            let start = offset
            offset += 1
            let id = UInt32(be(4))
            if type.hasFullHeader { offset += Int(be(1)) + 8 }
            var tag = be(8)
            while tag != VFIOStreamFlag.endOfState.rawValue {
                if tag == VFIOStreamFlag.deviceDataState.rawValue || tag == VFIOStreamFlag.deviceConfigState.rawValue {
                    offset += Int(be(8))
                }
                if tag == VFIOStreamFlag.deviceSetupState.rawValue || tag == VFIOStreamFlag.deviceConfigState.rawValue {
                    tag = be(8)
                    continue
                }
                tag = be(8)
            }
            offset += 5  // footer
            sections.append(Section(type: type, id: id, bytes: Array(bytes[start..<offset])))
        }
        rest = Array(bytes[offset...])
    }

    /// The stream's bytes.
    func joined() -> [UInt8] { header + sections.flatMap(\.bytes) + rest }
}
