import PackagePlugin

/// Generates trace functions from a target's trace-events file (see the generator issue).
@main
struct TraceEventsPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) async throws -> [Command] {
        []
    }
}
