/// What `swift-tracetool generate` writes. Each format has one writer; every writer asks every
/// ``CodeGenerationBackend`` for its part, so a new backend touches no writer and a new format touches no backend
/// beyond the hooks it needs (QEMU tracetool's "formats x backends" split).
public enum OutputFormat: String, CaseIterable, Sendable {
    /// Swift source for the Swift target: one `trace_<name>` function per event.
    case swift
    /// The C header for the C target's `include/`: registry declarations, state accessors and LTTng
    /// tracepoint definitions and wrappers.
    case cHeader = "c-header"
    /// The C source for the C target: dynamic-state globals, the registry tables and constructor, and
    /// the LTTng-UST probes.
    case cSource = "c-source"
}

/// Everything a writer needs besides the events.
public struct GenerationContext: Sendable {
    /// The parsed file, each declaration replaced by the events it defines (`vcpu` and `tcg` applied).
    public var file: TraceEventsFile
    /// The group and provider names.
    public var names: GenerationNames
    /// The file name of the generated C header (what the C source and `LTTNG_UST_TRACEPOINT_INCLUDE`
    /// include, and what the C target's umbrella header includes).
    public var headerName: String
    /// The Clang module the generated Swift imports to reach the C accessors.
    public var cModule: String
    /// The path recorded in the registry and in comments.
    public var displayPath: String

    /// Creates a context.
    public init(file: TraceEventsFile, names: GenerationNames, headerName: String, cModule: String, displayPath: String? = nil) {
        self.file = file.expanded()
        self.names = names
        self.headerName = headerName
        self.cModule = cModule
        self.displayPath = displayPath ?? file.path
    }

    /// A generated C symbol for an event: `_ste_<group>_<event><suffix>`.
    func symbol(_ event: EventDeclaration, _ suffix: String) -> String { "_ste_\(names.group)_\(event.name)\(suffix)" }

    /// A generated C symbol for the group: `_ste_<group><suffix>`.
    func groupSymbol(_ suffix: String) -> String { "_ste_\(names.group)\(suffix)" }

    /// The preprocessor macro that is 1 where the LTTng part of the header is compiled.
    var lttngMacro: String { "STE_\(names.group.uppercased())_LTTNG" }
}

/// Generation stopped: the file has problems the generator cannot turn into code.
public struct GenerationFailure: Error, CustomStringConvertible {
    /// The problems, each `FILE:LINE:COL: error: ...`.
    public var diagnostics: [Diagnostic]
    /// Creates a failure.
    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
    /// One diagnostic per line.
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

/// Turns a parsed trace-events file into source text.
public enum CodeGenerator {
    /// The backends every writer consults, in the order their code appears.
    public static let backends: [any CodeGenerationBackend] = [DispatchBackend(), LTTngBackend()]

    /// Generates one output.
    ///
    /// - Throws: ``GenerationFailure`` when the file cannot be generated (a backend's limit, a format that
    ///   does not fit its arguments).
    public static func generate(_ format: OutputFormat, context: GenerationContext) throws -> String {
        var diagnostics: [Diagnostic] = []
        for backend in backends { diagnostics += backend.check(context) }
        if !diagnostics.isEmpty { throw GenerationFailure(diagnostics) }
        switch format {
        case .swift: return try SwiftWriter(context: context, backends: backends).write()
        case .cHeader: return CHeaderWriter(context: context, backends: backends).write()
        case .cSource: return CSourceWriter(context: context, backends: backends).write()
        }
    }
}
