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
            // The package-wide rules are checked once, with the C target (every adopting package has one).
            try Self.report(Self.manifestFindings(package: context.package) + [Self.umbrellaFinding(of: clang)].compactMap { $0 })
            let headerName = Self.headerName(forCTarget: clang.name)
            let header = work.appending(path: "include").appending(path: headerName)
            let source = work.appending(path: "\(clang.name)_generated.c")
            // The source's command lists the header as an input, so the header exists before the C source
            // that includes it is compiled.
            return [
                Self.generate(tool: tool.url, format: "c-header", file: traceEvents, output: header, cTarget: clang.name, display: display,
                    umbrella: clang.directoryURL.appending(path: "include/\(clang.name).h")),
                Self.generate(tool: tool.url, format: "c-source", file: traceEvents, output: source, cTarget: clang.name, display: display, after: [header]),
            ]
        case is SwiftSourceModuleTarget:
            let cTarget = try Self.tracepointsTarget(for: module, traceEvents: traceEvents, package: context.package)
            let output = work.appending(path: "\(module.name)+TraceEvents.swift")
            return [
                Self.generate(tool: tool.url, format: "swift", file: traceEvents, output: output, cTarget: cTarget.name, display: display),
                Self.sync(tool: tool.url, file: traceEvents, target: module, package: context.package, work: work),
            ]
        default:
            return []
        }
    }

    /// The generated header's file name for a C target.
    static func headerName(forCTarget name: String) -> String { AdoptionRules.generatedHeaderName(forCTarget: name) }

    /// The manifest's file and text.
    static func manifest(of package: Package) -> (path: String, text: String) {
        let path = package.directoryURL.appending(path: "Package.swift").path
        return (path, (try? String(contentsOfFile: path, encoding: .utf8)) ?? "")
    }

    /// The broken rules of the manifest (AdoptionRules): the tools-version suffix, the trait's name.
    static func manifestFindings(package: Package) -> [AdoptionRules.Finding] {
        let manifest = manifest(of: package)
        return [AdoptionRules.checkToolsVersion(manifest: manifest.text, path: manifest.path)].compactMap { $0 }
            + AdoptionRules.checkTraitNames(manifest: manifest.text, path: manifest.path)
    }

    /// Shows warnings in the build output and stops the build, before anything compiles, on an error.
    static func report(_ findings: [AdoptionRules.Finding]) throws {
        for finding in findings where finding.severity == .warning {
            Diagnostics.warning(finding.description)
        }
        let errors = findings.filter { $0.severity == .error }
        if !errors.isEmpty { throw PluginError(errors.map(\.description).joined(separator: "\n")) }
    }

    /// - Parameter umbrella: the C target's umbrella header: an input, so that an edit that drops the generated
    ///   header's line fails the build at once with the fix (planning-time checks run only when SwiftPM replans).
    static func generate(
        tool: URL, format: String, file: URL, output: URL, cTarget: String, display: String, after: [URL] = [], umbrella: URL? = nil
    ) -> Command {
        let umbrellaInput = umbrella.flatMap { FileManager.default.fileExists(atPath: $0.path) ? $0 : nil }
        return .buildCommand(
            displayName: "Generating \(output.lastPathComponent) from \(display)",
            executable: tool,
            arguments: [
                "generate", "--format", format, "--target", cTarget, "--c-module", cTarget,
                "--header-name", headerName(forCTarget: cTarget), file.path, "--output", output.path,
            ] + (umbrellaInput.map { ["--umbrella", $0.path] } ?? []),
            inputFiles: [file, tool] + after + (umbrellaInput.map { [$0] } ?? []),
            outputFiles: [output]
        )
    }

    /// The check that the target's calls and its events agree (`swift-tracetool sync`). Its inputs are the
    /// Swift sources of the target and of every package target that depends on it (they may call its
    /// public trace functions), so an edit reruns it and a no-op build does not. Its stamp is a Swift file
    /// the target compiles, so the check runs before the compiler and its error comes first; the stamp's
    /// bytes never change, so it recompiles nothing.
    static func sync(tool: URL, file: URL, target: SourceModuleTarget, package: Package, work: URL) -> Command {
        let callers = [target] + package.targets.compactMap { $0 as? SourceModuleTarget }.filter { candidate in
            candidate.kind != .test && candidate.id != target.id
                && candidate.recursiveTargetDependencies.contains { $0.id == target.id }
        }
        let sources = callers.flatMap { $0.sourceFiles(withSuffix: "swift").map(\.url) }
        let stamp = work.appending(path: "\(target.name)+TraceEventsSync.swift")
        return .buildCommand(
            displayName: "Checking trace_ calls of \(callers.map(\.name).joined(separator: ", ")) against \(file.path)",
            executable: tool,
            arguments: ["sync", file.path, "--stamp", stamp.path] + sources.flatMap { ["--sources", $0.path] },
            inputFiles: [file, tool] + sources,
            outputFiles: [stamp]
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
    static func tracepointsTarget(for target: SourceModuleTarget, traceEvents: URL, package: Package) throws -> ClangSourceModuleTarget {
        let packageDirectory = package.directoryURL
        // Only this package's C targets: a dependency's (the runtime's CTraceEvents) never holds these tracepoints.
        let own = Set(package.targets.map(\.id))
        let clangDependencies = target.recursiveTargetDependencies.compactMap { $0 as? ClangSourceModuleTarget }.filter { own.contains($0.id) }
        if let named = clangDependencies.first(where: { $0.name == "\(target.name)Tracepoints" }) { return named }
        let sameFile = clangDependencies.filter {
            (try? traceEventsFile(for: $0, packageDirectory: packageDirectory).standardizedFileURL) == traceEvents.standardizedFileURL
                && FileManager.default.fileExists(atPath: $0.directoryURL.appending(path: "include/\($0.name).h").path)
        }
        if sameFile.count == 1 { return sameFile[0] }
        let manifest = manifest(of: package)
        let existing = package.targets.contains { $0.name == "\(target.name)Tracepoints" && $0 is ClangSourceModuleTarget }
        throw PluginError(AdoptionRules.missingTracepointsTarget(
            swiftTarget: target.name, existing: existing, manifest: manifest.text, path: manifest.path).description)
    }

    /// The C target's umbrella header must include the generated one (Swift would otherwise report every
    /// accessor as missing).
    static func umbrellaFinding(of target: ClangSourceModuleTarget) -> AdoptionRules.Finding? {
        let umbrella = target.directoryURL.appending(path: "include/\(target.name).h")
        return AdoptionRules.checkUmbrellaHeader(
            cTarget: target.name, path: umbrella.path, text: try? String(contentsOf: umbrella, encoding: .utf8))
    }
}

/// A configuration problem, reported by SwiftPM as the plugin's error.
struct PluginError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
