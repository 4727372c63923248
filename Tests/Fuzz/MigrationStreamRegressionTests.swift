import Foundation
import Testing
import TestSupport
import VFIOMigration

/// The migration-stream fuzzer's promise (``MigrationStreamInvariant``) on its seed, on every finding kept in
/// `Tests/Fuzz/Regressions/migration-stream/`, and on cheap edits of the seed, so the suite checks what
/// `.ci/fuzz` checks.
struct MigrationStreamRegressionTests {
    static let regressions = FuzzRegressionTests.inputs(in: "Regressions/migration-stream")

    @Test func theRecordedStreamLoadsToTheSourcesState() throws {
        let stream = try MigrationStreamInvariant.recordedStream()
        let source = try MigrationStreamInvariant.sourceState()
        #expect(stream.count > 2 * 16 * 256)
        #expect(MigrationStreamInvariant.violation(in: stream, source: source) == nil)
        // The invariant can fail: the same stream against another source's state is a violation.
        var other = source
        other[0].pageDigests[0] ^= 1
        #expect(MigrationStreamInvariant.violation(in: stream, source: other)?.contains("differs") == true)
    }

    @Test(arguments: regressions)
    func keepsTheInvariant(_ input: URL) throws {
        let bytes = try [UInt8](Data(contentsOf: input))
        #expect(MigrationStreamInvariant.violation(in: bytes, source: try MigrationStreamInvariant.sourceState()) == nil)
    }

    /// The fuzzer's first finding: a section id string read from the stream was quoted raw in the error.
    @Test func aSectionIdStringIsQuotedEscaped() throws {
        let machine = try VirtualMachine(configuration: MigrationStreamInvariant.configuration, isDestination: true)
        // QEVM, version 3, a SECTION_START of id 1 whose id string is one NUL byte, instance 0, version 1.
        let stream: [UInt8] = [0x51, 0x45, 0x56, 0x4D, 0, 0, 0, 3, 0x01, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1]
        let error = #expect(throws: MigrationError.self) {
            try MigrationDestination(machine: machine).receive(over: MemoryTransport(reading: stream))
        }
        #expect(error?.description == "unknown section: Unknown savevm section or instance '\\0' 0")
        #expect(!machine.anyDeviceRunning)
    }

    @Test("truncated, bit-flipped and spliced copies of the seed keep the invariant")
    func editsOfTheSeedAreRefused() throws {
        let stream = try MigrationStreamInvariant.recordedStream()
        let source = try MigrationStreamInvariant.sourceState()
        var generator = SplitMix64(seed: 0xF1_1B17)
        var edited: [[UInt8]] = [[], Array(stream.prefix(8)), Array(stream.dropLast())]
        for _ in 0..<40 {
            var flipped = stream
            flipped[Int.random(in: 0..<flipped.count, using: &generator)] ^= UInt8(1) << UInt8.random(in: 0..<8, using: &generator)
            edited.append(flipped)
        }
        let cut = stream.count / 2
        edited.append(Array(stream[..<cut] + stream[cut...].dropFirst(256)))
        for input in edited {
            #expect(MigrationStreamInvariant.violation(in: input, source: source) == nil)
        }
    }
}
