import Foundation
import Testing
import TraceEventsGeneratorCore

/// Every event of QEMU's trace-events files, generated into Swift and compiled into a program, renders through
/// the real runtime exactly as glibc's snprintf renders its C format with the same arguments, byte for byte.
/// No event is skipped: one that cannot be called or rendered fails the test with its name.
@Suite struct GeneratedCorpusDifferentialTests {
    /// Calls per event: an all-zero call, an all-ones call, then random ones with edge values mixed in.
    static let roundsPerEvent = 12

    @Test(.needs(.shared)) func everySharedQEMUEventRendersAsSnprintfDoes() throws {
        let corpus = try CorpusGeneration(.shared)
        defer { corpus.remove() }
        let report = try Self.compare(corpus)
        print("generated-code differential, ../shared/qemu-trace-events: \(report)")
        Self.expectClean(report, minimumEvents: 4_000)
    }

    @Test(.needs(.qemu72)) func everyQEMU72EventRendersAsSnprintfDoes() throws {
        let corpus = try CorpusGeneration(.qemu72)
        defer { corpus.remove() }
        let report = try Self.compare(corpus)
        print("generated-code differential, QEMU 7.2 trace-events-all: \(report)")
        Self.expectClean(report, minimumEvents: 5_000)
    }

    /// The golden file (every argument kind and conversion kind) needs no outside data.
    @Test func everyGoldenEventRendersAsSnprintfDoes() throws {
        let corpus = try CorpusGeneration(files: [Self.golden])
        defer { corpus.remove() }
        let report = try Self.compare(corpus, rounds: 64)
        print("generated-code differential, Golden.trace-events: \(report)")
        Self.expectClean(report, minimumEvents: 10)
    }

    /// A renderer that prints `%x` as `%X` in the generated code of one event, and drops a literal of another, is
    /// caught, and the failures name exactly those events.
    @Test func aBrokenGeneratedRendererFailsTheDifferential() throws {
        let corpus = try CorpusGeneration(files: [Self.golden])
        defer { corpus.remove() }
        let report = try Self.compare(corpus, rounds: 16) { swift in
            swift.replacingOccurrences(
                of: "_steMessage.appendUnsigned(UInt64(ul), PrintfSpec(.x, length: .long))",
                with: "_steMessage.appendUnsigned(UInt64(ul), PrintfSpec(.X, length: .long))")
                .replacingOccurrences(of: "_steMessage.appendLiteral(\"nothing to say\")", with: "")
        }
        #expect(report.failingEvents.sorted() == ["golden_no_arguments", "golden_unsigned"], "\(report.failures)")
    }

    static let golden = QEMUCorpusFile(
        url: TestPaths.testsDirectory.appending(path: "Golden/Golden.trace-events"), group: "golden")

    /// What one corpus run found.
    struct Report: CustomStringConvertible {
        var files = 0
        var events = 0
        var disabled = 0
        var cases = 0
        var failingEvents: [String] = []
        var failures: [String] = []

        var description: String {
            "\(cases) cases over \(events) events in \(files) files compared with snprintf, "
                + "\(disabled) disabled events checked silent, \(failingEvents.count) events failed, 0 skipped"
        }
    }

    static func expectClean(_ report: Report, minimumEvents: Int) {
        #expect(report.failures.isEmpty, "\(report.failingEvents.count) events fail:\n\(report.failures.prefix(20).joined(separator: "\n"))")
        #expect(report.events > minimumEvents, "expected the whole corpus, compared \(report.events) events")
    }

    /// Builds one program per batch (two batches run at once), calls every event `rounds` times and compares.
    static func compare(
        _ corpus: CorpusGeneration, rounds: Int = roundsPerEvent, mutate: @escaping @Sendable (String) -> String = { $0 }
    ) throws -> Report {
        let objects = try CorpusCompileTests.compileC(corpus, backends: [], into: corpus.directory.appending(path: "plain"))
        let providerObjects = Dictionary(uniqueKeysWithValues: zip(corpus.groups.map(\.name), objects))
        let batches = corpus.groupBatches()
        let results = ResultBox(count: batches.count)
        DispatchQueue.concurrentPerform(iterations: batches.count) { index in
            results.set(index, Result {
                let program = try DifferentialProgram.build(
                    batches[index], of: corpus, providerObjects: providerObjects,
                    in: corpus.directory.appending(path: "differential-\(index)"), mutate: mutate)
                var random = SeededRandom(seed: 0x5EED_0000 + UInt64(index))
                let cases = program.events.indices.flatMap { event in
                    (0..<rounds).map { round in
                        DifferentialProgram.Case(event: event, values: values(for: program.events[event].declaration, round: round, using: &random))
                    }
                }
                return (program, cases, try program.run(cases))
            })
        }
        var report = Report(files: corpus.groups.count)
        for result in results.values {
            let (program, cases, outcomes) = try result!.get()
            var failing: Set<Int> = []
            for (item, outcome) in zip(cases, outcomes) {
                let event = program.events[item.event]
                if let problem = problem(event.declaration, item.values, outcome) {
                    if failing.insert(item.event).inserted { report.failures.append("\(event.group): \(event.declaration.name): \(problem)") }
                } else if !event.declaration.isDisabled {
                    report.cases += 1
                }
            }
            report.failingEvents += failing.sorted().map { program.events[$0].declaration.name }
            report.events += program.events.filter { !$0.declaration.isDisabled }.count
            report.disabled += program.events.filter(\.declaration.isDisabled).count
        }
        return report
    }

    /// Why one call's outcome is wrong, or nil when the generated code printed what snprintf prints.
    static func problem(_ event: EventDeclaration, _ values: [DifferentialProgram.Value], _ outcome: DifferentialProgram.Outcome) -> String? {
        if event.isDisabled {
            return outcome.lines.isEmpty ? nil : "a disabled event reached a backend: \(outcome.lines.count) records"
        }
        guard let snprintf = outcome.snprintf else { return "snprintf failed for \(values)" }
        guard outcome.lines.count == 1 else { return "\(outcome.lines.count) records instead of 1 for \(values)" }
        let expected = Array(event.name.utf8) + [UInt8(ascii: " ")] + snprintf + [UInt8(ascii: "\n")]
        guard outcome.lines[0] != expected else { return nil }
        return "\(values): snprintf \"\(String(decoding: expected, as: UTF8.self))\", generated code \"\(String(decoding: outcome.lines[0], as: UTF8.self))\""
    }

    /// The arguments of one call. In events whose format has a `*` width or precision, every `int`-sized
    /// argument stays within -30...30: glibc would pad to gigabytes, which the runtime's buffer clamps.
    static func values(for event: EventDeclaration, round: Int, using random: inout SeededRandom) -> [DifferentialProgram.Value] {
        let hasStar = event.format?.conversions.contains { $0.width == .star || $0.precision == .star } ?? false
        return event.arguments.map { argument in
            switch argument.type.kind {
            case .string:
                if round < 2 { return .string(round == 0 ? nil : "") }
                return .string([nil, "", "vfio", "0000:00:02.0", "ünïcødé", "a b\tc", "100% sure", String(repeating: "x", count: 300)]
                    .randomElement(using: &random)!)
            case .integer(_, let bits) where hasStar && bits <= 32:
                return .slot(UInt64(bitPattern: Int64.random(in: -30...30, using: &random)))
            case .integer(let signed, let bits):
                var raw = round == 0 ? 0 : round == 1 ? UInt64.max : random.next() >> UInt64.random(in: 0...63, using: &random)
                if round >= 2, Int.random(in: 0..<4, using: &random) == 0 {
                    raw = [0, 1, UInt64.max, 1 << (bits - 1), (1 << (bits - 1)) - 1].randomElement(using: &random)!
                }
                let shift = UInt64(64 - bits)
                return .slot(signed ? UInt64(bitPattern: Int64(bitPattern: raw << shift) >> Int64(shift)) : (raw << shift) >> shift)
            case .pointer:
                return .slot(round == 0 ? 0 : round == 1 ? UInt64.max : Bool.random(using: &random) ? 0 : random.next())
            case .bool:
                return .slot(round == 0 ? 0 : round == 1 ? 1 : UInt64.random(in: 0...1, using: &random))
            case .floating(let bits):
                let special: [Double] = [0, -0.0, 1, -1.5, 0.1, 123.456, 1e-300, .leastNonzeroMagnitude, 1e300, .infinity, -.infinity, .nan]
                let value = round < special.count && Bool.random(using: &random)
                    ? special[round % special.count] : Double(bitPattern: random.next())
                return .slot(bits == 32 ? UInt64(Float(value).bitPattern) : value.bitPattern)
            case .tcg, .void:
                return .slot(0)
            }
        }
    }
}

/// Results written by concurrent batches, one slot each.
private final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var values: [Result<(DifferentialProgram, [DifferentialProgram.Case], [DifferentialProgram.Outcome]), any Error>?]

    init(count: Int) { values = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: Result<(DifferentialProgram, [DifferentialProgram.Case], [DifferentialProgram.Outcome]), any Error>) {
        lock.withLock { values[index] = value }
    }
}
