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
        // The system include path without lttng: -nostdinc, then the compiler's own headers, the multiarch
        // directory rebuilt from symbolic links to everything but lttng/, and /usr/include.
        let compilerInclude = try ProcessRunner.run(tool: "cc", ["-print-file-name=include"], timeout: 30).output
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let multiarch = try ProcessRunner.run(tool: "cc", ["-print-multiarch"], timeout: 30).output
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let systemDirectory = URL(fileURLWithPath: "/usr/include/\(multiarch)")
        let filtered = directory.appending(path: "multiarch")
        try FileManager.default.createDirectory(at: filtered, withIntermediateDirectories: true)
        for entry in try FileManager.default.contentsOfDirectory(atPath: systemDirectory.path) where entry != "lttng" {
            try FileManager.default.createSymbolicLink(at: filtered.appending(path: entry), withDestinationURL: systemDirectory.appending(path: entry))
        }
        let include = TestPaths.packageRoot.appending(path: "Sources/CTraceEvents/include").path
        let arguments = ["-fsyntax-only", "-nostdinc", "-isystem", compilerInclude, "-isystem", filtered.path, "-isystem", "/usr/include",
                         "-I", directory.path, "-I", include]
        let withTrait = try ProcessRunner.run(tool: "cc", arguments + ["-DSTE_LTTNG", directory.appending(path: "demo.c").path], timeout: 60)
        #expect(withTrait.status != 0)
        #expect(withTrait.error.contains("apt-get install liblttng-ust-dev"), "\(withTrait.error)")
        let withoutTrait = try ProcessRunner.run(tool: "cc", arguments + [directory.appending(path: "demo.c").path], timeout: 60)
        #expect(withoutTrait.status == 0, "\(withoutTrait.error)")
    }
}
