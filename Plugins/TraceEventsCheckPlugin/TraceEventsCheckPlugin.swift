import Foundation
import PackagePlugin

/// `swift package check-trace-events [--target NAME ...] [--unused-as-error]`: runs
/// `swift-tracetool check FILE --sources DIR...` so that each target's Swift sources call exactly the
/// events its trace-events file defines.
///
/// Which file a target uses: the `trace-events` in the target's directory; otherwise, when the target
/// depends on the `TraceEvents` runtime (as every target that applies TraceEventsPlugin must, since
/// generated code calls it), the package root's `trace-events`. The targets that share the root file
/// are checked together, so an event called from any one of them counts as used.
@main
struct TraceEventsCheckPlugin: CommandPlugin {
    func performCommand(context: PluginContext, arguments: [String]) async throws {
        var extractor = ArgumentExtractor(arguments)
        let selected = Set(extractor.extractOption(named: "target"))
        let unusedAsError = extractor.extractFlag(named: "unused-as-error") > 0
        if !extractor.remainingArguments.isEmpty {
            throw CheckFailure(message: "unknown arguments: \(extractor.remainingArguments.joined(separator: " "))")
        }
        let tool = try context.tool(named: "swift-tracetool").url
        let rootEvents = context.package.directoryURL.appendingPathComponent("trace-events")
        let manager = FileManager.default

        var checks: [(events: URL, sources: [URL])] = []
        var rootUsers: [URL] = []
        for target in context.package.targets {
            guard let module = target as? SourceModuleTarget, module.kind != .test else { continue }
            if !selected.isEmpty && !selected.contains(target.name) { continue }
            let own = target.directoryURL.appendingPathComponent("trace-events")
            if manager.fileExists(atPath: own.path) {
                checks.append((own, [target.directoryURL]))
            } else if target.name != "TraceEvents" && Self.dependsOnRuntime(target) {
                rootUsers.append(target.directoryURL)
            }
        }
        if !rootUsers.isEmpty && manager.fileExists(atPath: rootEvents.path) {
            checks.append((rootEvents, rootUsers))
        }
        if checks.isEmpty {
            print("check-trace-events: no target has a trace-events file to check")
            return
        }
        var failed = false
        for check in checks {
            var toolArguments = ["check", check.events.path]
            for directory in check.sources { toolArguments += ["--sources", directory.path] }
            if unusedAsError { toolArguments.append("--unused-as-error") }
            print("check-trace-events: \(check.events.path) against \(check.sources.map(\.lastPathComponent).joined(separator: ", "))")
            let process = Process()
            process.executableURL = tool
            process.arguments = toolArguments
            try process.run()
            process.waitUntilExit()
            if process.terminationStatus != 0 { failed = true }
        }
        if failed { throw CheckFailure(message: "trace events and their calls disagree (see the errors above)") }
    }

    /// Whether the target uses the TraceEvents runtime, directly or through the product.
    private static func dependsOnRuntime(_ target: Target) -> Bool {
        target.dependencies.contains { dependency in
            switch dependency {
            case .target(let dependencyTarget): dependencyTarget.name == "TraceEvents"
            case .product(let product): product.name == "TraceEvents"
            @unknown default: false
            }
        }
    }
}

/// A failure reported to SwiftPM as the command's error.
struct CheckFailure: Error, CustomStringConvertible {
    /// What went wrong.
    let message: String
    /// What went wrong.
    var description: String { message }
}
