import Foundation
import PackagePlugin

/// Generates trace functions and tracepoint providers from a `trace-events` file at build time.
///
/// Apply it to two targets that share one `trace-events` file:
/// - a C target (conventionally `<SwiftTarget>Tracepoints`) — the plugin generates the C header
///   `<CTarget>_generated.h` into its generated `include/` and the C source (registry tables, dynamic
///   states, LTTng-UST provider). The C target checks in one `.c` file that includes nothing generated and
///   an umbrella header `include/<CTarget>.h` that contains `#include "<CTarget>_generated.h"`, depends on
///   `CTraceEvents`, and sets `.define("STE_LTTNG", .when(traits: ["LTTng"]))` and
///   `.linkedLibrary("lttng-ust", .when(traits: ["LTTng"]))`;
/// - the Swift target that calls the events — the plugin generates `trace_<name>` functions that import
///   the C target's module. The C target is the dependency named `<SwiftTarget>Tracepoints`, or else the
///   only C dependency that resolves to the same `trace-events` file.
///
/// The `trace-events` file is the one in the target's directory, or, when the target has none, the one at
/// the package root (how several targets share one file). The group name is derived from the C target's
/// name (`VFIOMigrationTracepoints` → `vfio_migration`) unless the file says
/// `# swift-tracetool: group=NAME provider=NAME`.
@main
struct TraceEventsPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) async throws -> [Command] {
        guard let module = target as? SourceModuleTarget else { return [] }
        let tool = try context.tool(named: "swift-tracetool")
        let traceEvents = try Self.traceEventsFile(for: module, packageDirectory: context.package.directoryURL)
        let work = context.pluginWorkDirectoryURL
        let display = traceEvents.path

        switch module {
        case let clang as ClangSourceModuleTarget:
            try Self.checkUmbrellaHeader(of: clang)
            let headerName = Self.headerName(forCTarget: clang.name)
            let header = work.appending(path: "include").appending(path: headerName)
            let source = work.appending(path: "\(clang.name)_generated.c")
            // The source's command lists the header as an input, so the header exists before the C source
            // that includes it is compiled.
            return [
                Self.generate(tool: tool.url, format: "c-header", file: traceEvents, output: header, cTarget: clang.name, display: display),
                Self.generate(tool: tool.url, format: "c-source", file: traceEvents, output: source, cTarget: clang.name, display: display, after: [header]),
            ]
        case is SwiftSourceModuleTarget:
            let cTarget = try Self.tracepointsTarget(for: module, traceEvents: traceEvents, packageDirectory: context.package.directoryURL)
            let output = work.appending(path: "\(module.name)+TraceEvents.swift")
            return [Self.generate(tool: tool.url, format: "swift", file: traceEvents, output: output, cTarget: cTarget.name, display: display)]
        default:
            return []
        }
    }

    /// The generated header's file name for a C target.
    static func headerName(forCTarget name: String) -> String { "\(name)_generated.h" }

    static func generate(tool: URL, format: String, file: URL, output: URL, cTarget: String, display: String, after: [URL] = []) -> Command {
        .buildCommand(
            displayName: "Generating \(output.lastPathComponent) from \(display)",
            executable: tool,
            arguments: [
                "generate", "--format", format, "--target", cTarget, "--c-module", cTarget,
                "--header-name", headerName(forCTarget: cTarget), file.path, "--output", output.path,
            ],
            inputFiles: [file, tool] + after,
            outputFiles: [output]
        )
    }

    /// `trace-events` in the target's directory, else at the package root.
    static func traceEventsFile(for target: SourceModuleTarget, packageDirectory: URL) throws -> URL {
        let own = target.directoryURL.appending(path: "trace-events")
        if FileManager.default.fileExists(atPath: own.path) { return own }
        let root = packageDirectory.appending(path: "trace-events")
        if FileManager.default.fileExists(atPath: root.path) { return root }
        throw PluginError("target '\(target.name)' applies TraceEventsPlugin but has no trace-events file: expected \(own.path) or \(root.path)")
    }

    /// The C target that holds a Swift target's tracepoints.
    static func tracepointsTarget(for target: SourceModuleTarget, traceEvents: URL, packageDirectory: URL) throws -> ClangSourceModuleTarget {
        let clangDependencies = target.recursiveTargetDependencies.compactMap { $0 as? ClangSourceModuleTarget }
        if let named = clangDependencies.first(where: { $0.name == "\(target.name)Tracepoints" }) { return named }
        let sameFile = clangDependencies.filter {
            (try? traceEventsFile(for: $0, packageDirectory: packageDirectory).standardizedFileURL) == traceEvents.standardizedFileURL
                && FileManager.default.fileExists(atPath: $0.directoryURL.appending(path: "include/\($0.name).h").path)
        }
        if sameFile.count == 1 { return sameFile[0] }
        throw PluginError(
            "Swift target '\(target.name)' applies TraceEventsPlugin but no C target holds its tracepoints: add a C target named '\(target.name)Tracepoints' that applies TraceEventsPlugin and make '\(target.name)' depend on it"
        )
    }

    /// Fails early, with the fix, when the C target's umbrella header does not include the generated one
    /// (Swift would otherwise report every accessor as missing).
    static func checkUmbrellaHeader(of target: ClangSourceModuleTarget) throws {
        let umbrella = target.directoryURL.appending(path: "include/\(target.name).h")
        let include = "#include \"\(headerName(forCTarget: target.name))\""
        let text = (try? String(contentsOf: umbrella, encoding: .utf8)) ?? ""
        guard text.contains(include) else {
            throw PluginError("C target '\(target.name)' applies TraceEventsPlugin: its umbrella header \(umbrella.path) must contain the line: \(include)")
        }
    }
}

/// A configuration problem, reported by SwiftPM as the plugin's error.
struct PluginError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
