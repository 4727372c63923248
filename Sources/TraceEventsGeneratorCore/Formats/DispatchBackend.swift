/// The Swift runtime's backend (QEMU's `log` and friends): when the event's dynamic state is on, calls
/// `_GeneratedTraceSupport.log`, which renders the message with `PrintfBuffer` and runs the installed backends
/// (stderr, ...).
public struct DispatchBackend: CodeGenerationBackend {
    /// Creates the backend.
    public init() {}

    /// `runtime`: the backends chosen at run time.
    public var name: String { "runtime" }

    /// QEMU's backends that this project chooses at run time instead.
    public var aliases: [String] { ["log", "simple", "syslog"] }

    /// Renders the message and dispatches to the runtime when the event's dynamic state is on.
    public func swiftCode(for event: EventDeclaration, context: GenerationContext) throws -> SwiftBackendCode? {
        let helperName = "_steLog_\(event.name)"
        let helper = try MessageRenderingWriter.logFunction(
            named: helperName, for: event, eventEntry: "\(context.symbol(event, "_event"))()")
        return SwiftBackendCode(
            compilationCondition: nil,
            state: "\(context.symbol(event, "_on"))()",
            call: "\(helperName)(\(SwiftWriter.argumentList(event)))",
            helper: helper
        )
    }

    /// The `static inline` dynamic-state loads Swift calls.
    public func cHeader(_ context: GenerationContext) -> String {
        var text = "#ifndef \(guardMacro(context))\n#define \(guardMacro(context))\n"
        text += "/* Dynamic states for the Swift runtime's backends: one plain load each (see ste_state_load). */\n"
        for event in context.file.events where !event.isDisabled {
            text += "static inline uint32_t \(context.symbol(event, "_on"))(void) { return ste_state_load(&\(context.symbol(event, "_dstate"))); }\n"
        }
        return text + "#endif /* \(guardMacro(context)) */\n"
    }

    private func guardMacro(_ context: GenerationContext) -> String { "STE_\(context.names.group.uppercased())_DISPATCH_H" }
}
