import Foundation
import Testing
import TraceEventsGeneratorCore

/// With the LTTng trait on (`STE_LTTNG`) and no lttng-ust headers, the generated C stops the build with
/// the command that installs them.
@Suite struct MissingLTTngTests {
    @Test func traitOnWithoutHeadersStopsWithTheInstallCommand() throws {
        let directory = try TestPaths.temporaryDirectory("no-lttng")
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = TraceEventsLoader.load(text: "demo_event(int value) \"value %d\"\n", path: "trace-events").file
        let context = GenerationContext(file: file, names: GenerationNames(group: "demo"), headerName: "demo.h", cModule: "Demo")
        try Data(try CodeGenerator.generate(.cHeader, context: context).utf8).write(to: directory.appending(path: "demo.h"))
        try Data(try CodeGenerator.generate(.cSource, context: context).utf8).write(to: directory.appending(path: "demo.c"))
        // -nostdinc hides every system header, lttng's included; stubs stand in for the two the registry
        // header needs.
        let stubs = directory.appending(path: "stubs")
        try FileManager.default.createDirectory(at: stubs, withIntermediateDirectories: true)
        try Data("typedef unsigned short uint16_t; typedef unsigned int uint32_t;\n".utf8).write(to: stubs.appending(path: "stdint.h"))
        try Data("#define bool _Bool\n#define true 1\n#define false 0\n".utf8).write(to: stubs.appending(path: "stdbool.h"))
        try Data("#define NULL ((void *)0)\n".utf8).write(to: stubs.appending(path: "stddef.h"))
        let include = TestPaths.packageRoot.appending(path: "Sources/CTraceEvents/include").path
        let arguments = ["-fsyntax-only", "-nostdinc", "-I", stubs.path, "-I", directory.path, "-I", include]
        let withTrait = try ProcessRunner.run(tool: "cc", arguments + ["-DSTE_LTTNG", directory.appending(path: "demo.c").path], timeout: 60)
        #expect(withTrait.status != 0)
        #expect(withTrait.error.contains("apt-get install liblttng-ust-dev"), "\(withTrait.error)")
        let withoutTrait = try ProcessRunner.run(tool: "cc", arguments + [directory.appending(path: "demo.c").path], timeout: 60)
        #expect(withoutTrait.status == 0, "\(withoutTrait.error)")
    }
}
