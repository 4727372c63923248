import Foundation
import PackagePlugin

/// `swift package --allow-writing-to-package-directory add-trace-events [--target NAME]`: runs
/// `swift-tracetool init` on the package, with the swift-trace-events checkout it depends on as `--path`.
///
/// A command plugin is available only once the package depends on swift-trace-events, so this is the way in
/// after `swift package add-dependency`; `swift-tracetool init` needs no dependency at all.
@main
struct AddTraceEventsPlugin: CommandPlugin {
    func performCommand(context: PluginContext, arguments: [String]) async throws {
        let tool = try context.tool(named: "swift-tracetool")
        var initArguments = ["init", "--package-path", context.package.directoryURL.path] + arguments
        let given = arguments.contains { $0 == "--path" || $0 == "--url" || $0.hasPrefix("--path=") || $0.hasPrefix("--url=") }
        if !given, let checkout = Self.traceEventsCheckout(of: context.package) {
            initArguments += ["--path", checkout.path]
        }
        let process = Process()
        process.executableURL = tool.url
        process.arguments = initArguments
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "swift-tracetool init exited with \(process.terminationStatus) (its output above says why)")
        }
    }

    /// The directory of the dependency that provides TraceEventsPlugin.
    static func traceEventsCheckout(of package: Package) -> URL? {
        package.dependencies.map(\.package)
            .first { $0.products.contains { $0.name == "TraceEventsPlugin" } }?
            .directoryURL
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }
}
