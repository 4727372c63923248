import Foundation
import Testing
import TraceEventsGeneratorCore

/// Which generator backends a file gets: `backends=` in the file, `generate --backends`, or all of them.
@Suite struct BackendSelectionTests {
    static func generate(_ text: String, _ format: OutputFormat = .swift) throws -> String {
        let file = TraceEventsLoader.load(text: text, path: "t/trace-events").file
        let context = GenerationContext(
            file: file, names: GenerationNames(group: "g"), headerName: "g.h", cModule: "G",
            backends: try CodeGenerationBackends.resolve(file: file))
        return try CodeGenerator.generate(format, context: context)
    }

    @Test func defaultIsEveryRegisteredBackend() throws {
        let file = TraceEventsLoader.load(text: "ev(int x) \"%d\"\n", path: "t/trace-events").file
        #expect(try CodeGenerationBackends.resolve(file: file).map(\.name) == CodeGenerationBackends.registered.map(\.name))
        #expect(CodeGenerationBackends.registered.map(\.name).starts(with: ["runtime", "lttng"]))
    }

    @Test func directiveChoosesTheBackends() throws {
        let swift = try Self.generate("# swift-tracetool: backends=runtime\nev(int x) \"%d\"\n")
        #expect(swift.contains("state |= _ste_g_ev_on()"))
        #expect(!swift.contains("#if LTTng"))
        let header = try Self.generate("# swift-tracetool: backends=runtime\nev(int x) \"%d\"\n", .cHeader)
        #expect(!header.contains("lttng"), "\(header)")
        let source = try Self.generate("# swift-tracetool: backends=lttng\nev(int x) \"%d\"\n", .cSource)
        #expect(source.contains("#if defined(STE_LTTNG)\n    \" lttng\"\n#endif\n    ;"), "\(source)")
        #expect(!source.contains("\" runtime\""))
    }

    @Test func qemuNamesSelectTheSameBackendsInRegisteredOrder() throws {
        let qemu = try Self.generate("# swift-tracetool: backends=ust,log\nev(int x) \"%d\"\n")
        let ours = try Self.generate("# swift-tracetool: backends=runtime,lttng\nev(int x) \"%d\"\n")
        #expect(qemu == ours)
    }

    @Test func nopLeavesEveryTraceFunctionEmpty() throws {
        let swift = try Self.generate("# swift-tracetool: backends=nop\nev(int x) \"%d\"\n")
        #expect(swift.contains("public func trace_ev(_ x: Int32) {}"))
        #expect(!swift.contains("_steSlow_ev"))
    }

    @Test func unknownBackendIsAnErrorAtTheDirective() throws {
        let file = TraceEventsLoader.load(text: "ev(int x) \"%d\"\n# swift-tracetool: backends=runtime,etw\n", path: "t/trace-events").file
        let error = #expect(throws: Diagnostic.self) { try CodeGenerationBackends.resolve(file: file) }
        #expect(error?.description.hasPrefix("t/trace-events:2:1: error: unknown generator backend 'etw' (known: runtime/log/simple/syslog, lttng/ust") == true)
    }

    @Test func commandLineOptionOverridesTheDirective() throws {
        let directory = try TestPaths.temporaryDirectory("backends")
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appending(path: "trace-events"), output = directory.appending(path: "out.swift")
        try Data("# swift-tracetool: backends=runtime\nev(int x) \"%d\"\n".utf8).write(to: file)
        let tool = GenerateCommandTests.tool
        let arguments = ["generate", "--format", "swift", "--target", "DemoTracepoints", file.path, "--output", output.path]
        #expect(try ProcessRunner.run(tool, arguments + ["--backends", "lttng"], timeout: 60).status == 0)
        let swift = try String(contentsOf: output, encoding: .utf8)
        #expect(swift.contains("#if LTTng") && !swift.contains("_ste_demo_ev_on()"), "\(swift)")
        let bad = try ProcessRunner.run(tool, arguments + ["--backends", "bogus"], timeout: 60)
        #expect(bad.status != 0)
        #expect(bad.error.contains("--backends: unknown generator backend 'bogus'"), "\(bad.error)")
    }
}
