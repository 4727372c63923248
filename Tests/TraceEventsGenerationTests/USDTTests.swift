import Foundation
import Testing
import TraceEventsGeneratorCore

/// USDT probes as the outside tools see them: `readelf -n` lists one `.note.stapsdt` per enabled event with the
/// right provider, name, semaphore and argument sizes; gdb stops at a probe of the running fixture and reads each
/// argument; bpftrace attaches where the kernel lets it.
@Suite(.serialized) struct USDTTests {
    /// One `.note.stapsdt` entry of `readelf -n`.
    struct Note: Equatable {
        var provider = "", name = "", semaphore: UInt64 = 0, arguments: [String] = []
    }

    static func notes(of program: URL) throws -> [Note] {
        let result = try ProcessRunner.run(tool: "readelf", ["-n", "--wide", program.path], timeout: 60)
        try #require(result.status == 0, "\(result.combined)")
        var notes: [Note] = []
        for line in result.output.split(separator: "\n").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            if line.hasPrefix("stapsdt") { notes.append(Note()) }
            guard !notes.isEmpty else { continue }
            // readelf prints the provider on the note's first line, after a tab.
            if let range = line.range(of: "Provider: ") { notes[notes.count - 1].provider = String(line[range.upperBound...]) }
            if line.hasPrefix("Name: ") { notes[notes.count - 1].name = String(line.dropFirst(6)) }
            if let range = line.range(of: "Semaphore: 0x") {
                notes[notes.count - 1].semaphore = UInt64(line[range.upperBound...].prefix { $0.isHexDigit }, radix: 16) ?? 0
            }
            if line.hasPrefix("Arguments: ") {
                notes[notes.count - 1].arguments = line.dropFirst(11).split(separator: " ").map(String.init)
            }
        }
        return notes
    }

    /// Symbol addresses from `nm`.
    static func symbols(of program: URL) throws -> [String: UInt64] {
        let result = try ProcessRunner.run(tool: "nm", [program.path], timeout: 60)
        var symbols: [String: UInt64] = [:]
        for line in result.output.split(separator: "\n") {
            let parts = line.split(separator: " ")
            if parts.count == 3, let address = UInt64(parts[0], radix: 16) { symbols[String(parts[2])] = address }
        }
        return symbols
    }

    /// `SIZE@` of an argument as `<sys/sdt.h>` writes it: `-` for signed, the width in bytes.
    static func sizePrefix(_ type: CType) -> String {
        switch type.kind {
        case .string, .pointer: return "8@"
        case .bool: return "1@"
        case .void: return "-4@"
        case .integer(let signed, let bits): return "\(signed ? "-" : "")\(bits / 8)@"
        case .floating, .tcg: preconditionFailure("the fixture has no floating-point or TCG arguments")
        }
    }

    /// Generates the provider of `file` (USDT only), links it into a program with cc and returns the program.
    static func program(for url: URL, group: String, in directory: URL) throws -> (URL, TraceEventsFile) {
        let (file, diagnostics) = try TraceEventsLoader.load(path: url.path)
        try #require(!diagnostics.containsErrors, "\(diagnostics)")
        let context = GenerationContext(
            file: file, names: GenerationNames(group: group), headerName: "\(group).h", cModule: "C", backends: [USDTBackend()])
        try Data(try CodeGenerator.generate(.cHeader, context: context).utf8).write(to: directory.appending(path: "\(group).h"))
        let source = directory.appending(path: "\(group).c"), main = directory.appending(path: "main.c")
        try Data(try CodeGenerator.generate(.cSource, context: context).utf8).write(to: source)
        try Data("int main(void) { return 0; }\n".utf8).write(to: main)
        let program = directory.appending(path: group)
        let runtime = TestPaths.packageRoot.appending(path: "Sources/CTraceEvents")
        let result = try ProcessRunner.run(
            tool: "cc",
            ["-std=gnu11", "-O2", "-Wall", "-Wextra", "-Werror", "-DSTE_USDT", "-I", directory.path, "-I", runtime.appending(path: "include").path,
             source.path, runtime.appending(path: "registry.c").path, main.path, "-o", program.path],
            timeout: 120)
        try #require(result.status == 0, "cc failed:\n\(result.combined.prefix(4000))")
        return (program, file)
    }

    static func expectNotesMatch(_ url: URL, group: String) throws {
        let directory = try TestPaths.temporaryDirectory("usdt")
        defer { try? FileManager.default.removeItem(at: directory) }
        let (program, file) = try program(for: url, group: group, in: directory)
        let notes = try notes(of: program), symbols = try symbols(of: program)
        let enabled = file.events.filter { !$0.isDisabled }
        #expect(notes.count == enabled.count, "one probe per enabled event")
        for event in enabled {
            let matching = notes.filter { $0.provider == group && $0.name == event.name }
            try #require(matching.count == 1, "\(event.name): \(matching.count) notes")
            let note = matching[0]
            #expect(note.semaphore != 0 && note.semaphore == symbols["\(group)_\(event.name)_semaphore"], "\(event.name) semaphore")
            #expect(note.arguments.count == event.arguments.count, "\(event.name): \(note.arguments)")
            for (argument, operand) in zip(event.arguments, note.arguments) {
                #expect(operand.hasPrefix(sizePrefix(argument.type)), "\(event.name) \(argument.type) \(argument.name): \(operand)")
            }
        }
        for event in file.events where event.isDisabled {
            #expect(!notes.contains { $0.name == event.name }, "disabled \(event.name) has a probe")
        }
    }

    @Test func notesOfTheRootTraceEvents() throws {
        try Self.expectNotesMatch(TestPaths.packageRoot.appending(path: "trace-events"), group: "vfio_migration")
    }

    @Test(.needs(.shared)) func notesOfQEMUsVFIOTraceEvents() throws {
        try Self.expectNotesMatch(try TestPaths.sharedDirectory().appending(path: "qemu-trace-events/hw/vfio/trace-events"), group: "hw_vfio")
    }

    /// What the fixture passes to each probe (Tests/Fixtures/TraceFixture/Sources/TraceFixture/main.swift), as
    /// gdb prints it: strings as text, integers as decimal.
    static let expectedProbeLines = [
        "fixture_strings|hello||(null)|Grüße, 世界",
        "fixture_signed|\(Int8.min)|\(Int16.min)|\(Int32.min)|\(Int64.min)",
        "fixture_signed|\(Int8.max)|\(Int16.max)|\(Int32.max)|\(Int64.max)",
        "fixture_unsigned|0|0|0|0",
        "fixture_unsigned|\(UInt8.max)|\(UInt16.max)|\(UInt32.max)|\(UInt64.max)",
        "fixture_c_types|\(CChar.min)|\(Int8.min)|\(Int16.min)|\(Int.min)|0|\(Int64.min)|0|0|\(Int.min)",
        "fixture_c_types|\(CChar.max)|\(Int8.max)|\(Int16.max)|\(Int.max)|\(UInt.max)|\(Int64.max)|\(UInt64.max)|\(UInt.max)|\(Int.max)",
        "fixture_pointer_bool|\(0xdead_beef)|0|1|0",
        "fixture_keywords|-1|2|3|4",
        "fixture_no_arguments",
        "fixture_no_format|42",
    ]

    /// gdb commands that stop at every probe of the fixture and print its arguments.
    static func gdbScript(_ file: TraceEventsFile) -> String {
        var script = "set pagination off\nset charset UTF-8\nset print elements 0\n"
        for event in file.events where !event.isDisabled {
            script += "break -probe-stap trace_fixture:\(event.name)\ncommands\nsilent\nprintf \"PROBE \(event.name)\"\n"
            for (index, argument) in event.arguments.enumerated() {
                let value = "$_probe_arg\(index)"
                switch argument.type.kind {
                case .string:
                    script += "if \(value) == 0\nprintf \"|(null)\"\nelse\nprintf \"|%s\", (const char *)\(value)\nend\n"
                case .integer(signed: true, _), .void: script += "printf \"|%ld\", (long)\(value)\n"
                case .integer(signed: false, _), .pointer, .bool: script += "printf \"|%lu\", (unsigned long)\(value)\n"
                case .floating, .tcg: preconditionFailure("the fixture has no floating-point or TCG arguments")
                }
            }
            script += "printf \"\\n\"\ncontinue\nend\n"
        }
        return script + "run\n"
    }

    @Test func gdbReadsEveryArgumentAtTheProbes() async throws {
        let executable = try await FixturePackage.shared.executable(lttng: true)
        let (file, _) = try TraceEventsLoader.load(path: FixturePackage.directory.appending(path: "trace-events").path)
        let notes = try Self.notes(of: executable)
        #expect(Set(notes.filter { $0.provider == "trace_fixture" }.map(\.name)) == Set(file.events.filter { !$0.isDisabled }.map(\.name)))
        let directory = try TestPaths.temporaryDirectory("usdt-gdb")
        defer { try? FileManager.default.removeItem(at: directory) }
        let script = directory.appending(path: "probes.gdb")
        try Data(Self.gdbScript(file).utf8).write(to: script)
        let run = try ProcessRunner.run(tool: "gdb", ["-batch", "-nx", "-x", script.path, executable.path], timeout: 120)
        let lines = run.output.split(separator: "\n").filter { $0.hasPrefix("PROBE ") }.map { String($0.dropFirst(6)) }
        #expect(lines == Self.expectedProbeLines, "gdb:\n\(run.combined.suffix(4000))")
        #expect(run.output.contains("fired"))
    }

    /// The kernel's uprobe interface, which bpftrace and perf attach USDT probes through, or nil without it.
    static var uprobeEvents: String? {
        ["/sys/kernel/tracing/uprobe_events", "/sys/kernel/debug/tracing/uprobe_events"]
            .first { FileManager.default.fileExists(atPath: $0) }
    }

    @Test func bpftraceAttachesWhereTheKernelAllowsIt() async throws {
        guard let bpftrace = TestPaths.executable("bpftrace") else {
            print("USDT: bpftrace is not installed (apt-get install bpftrace): not attached with bpftrace")
            return
        }
        guard Self.uprobeEvents != nil else {
            print("USDT: this kernel does not let bpftrace or perf attach a probe here: no uprobe_events in tracefs (/sys/kernel/tracing not mounted, or no CONFIG_UPROBE_EVENTS); gdb's test above attaches instead")
            return
        }
        let executable = try await FixturePackage.shared.executable(lttng: true)
        let program = "usdt:\(executable.path):trace_fixture:fixture_keywords { printf(\"keywords %d %u %u %d\\n\", arg0, arg1, arg2, arg3); }"
        let run = try ProcessRunner.run(bpftrace, ["-e", program, "-c", executable.path], timeout: 120)
        #expect(run.status == 0, "\(run.combined)")
        #expect(run.output.contains("keywords -1 2 3 4\n"), "bpftrace:\n\(run.combined)")
    }
}
