import Foundation

/// What `swift-tracetool generate` writes. Each format has one writer; every writer asks every selected
/// ``CodeGenerationBackend`` for its part, so a new backend touches no writer and a new format touches no backend
/// beyond the hooks it needs (QEMU tracetool's "formats x backends" split).
public enum OutputFormat: String, CaseIterable, Sendable {
    /// Swift source for the Swift target: one `trace_<name>` function per event.
    case swift
    /// The C header for the C target's `include/`: registry declarations, then each backend's state
    /// accessors and whatever its probes need.
    case cHeader = "c-header"
    /// The C source for the C target: dynamic-state globals, the registry tables and constructor, then each
    /// backend's part (its probes).
    case cSource = "c-source"
}

/// Everything a writer needs besides the events.
public struct GenerationContext: Sendable {
    /// The parsed file, each declaration replaced by the events it defines (`vcpu` and `tcg` applied).
    public var file: TraceEventsFile
    /// The group and provider names.
    public var names: GenerationNames
    /// The file name of the generated C header (what the C source and the C target's umbrella header
    /// include; a backend may include it again).
    public var headerName: String
    /// The Clang module the generated Swift imports to reach the C accessors.
    public var cModule: String
    /// The path recorded in the registry and in comments.
    public var displayPath: String
    /// The generator backends the file gets, in registered order.
    public var backends: [any CodeGenerationBackend]

    /// Creates a context; `backends` defaults to every registered one.
    public init(
        file: TraceEventsFile, names: GenerationNames, headerName: String, cModule: String, displayPath: String? = nil,
        backends: [any CodeGenerationBackend] = CodeGenerationBackends.registered
    ) {
        self.file = file.expanded()
        self.backends = backends
        self.names = names
        self.headerName = headerName
        self.cModule = cModule
        self.displayPath = displayPath ?? file.path
    }

    /// The context `generate` works in for `file`, with its defaults: the target is the file's directory's
    /// name, the group comes from `group`, else the file's directive, else the target; the provider from
    /// `provider`, else the directive, else the group; the backends are `backends`, else the file's
    /// `backends=` directive, else every registered one. `check` resolves the same context, so both apply the
    /// same backend limits to the same names.
    ///
    /// - Throws: a ``Diagnostic`` for a malformed or unknown directive or a name that is not a C identifier.
    public static func resolve(
        file: TraceEventsFile, target: String? = nil, group: String? = nil, provider: String? = nil,
        headerName: String? = nil, cModule: String? = nil, backends: [any CodeGenerationBackend]? = nil
    ) throws -> GenerationContext {
        try resolve(
            directives: GenerationDirectives(file: file), file: file, target: target, group: group, provider: provider,
            headerName: headerName, cModule: cModule, backends: backends)
    }

    /// The context as ``resolve(file:target:group:provider:headerName:cModule:backends:)`` resolves it, from the
    /// file's directives read already; `file` may hold no lines (a file checked one line at a time).
    static func resolve(
        directives: GenerationDirectives, file: TraceEventsFile, target: String? = nil, group: String? = nil,
        provider: String? = nil, headerName: String? = nil, cModule: String? = nil,
        backends: [any CodeGenerationBackend]? = nil
    ) throws -> GenerationContext {
        let targetName = target ?? URL(fileURLWithPath: file.path).deletingLastPathComponent().lastPathComponent
        let names = try GenerationNames.resolve(
            directives: directives, path: file.path, defaultGroup: GenerationNames.derivedGroup(fromTarget: targetName),
            group: group, provider: provider)
        return GenerationContext(
            file: file, names: names, headerName: headerName ?? "\(targetName)_generated.h", cModule: cModule ?? targetName,
            backends: try backends ?? CodeGenerationBackends.resolve(directives: directives))
    }

    /// A generated C symbol for an event: `_ste_<group>_<event><suffix>`.
    func symbol(_ event: EventDeclaration, _ suffix: String) -> String { "_ste_\(names.group)_\(event.name)\(suffix)" }

    /// A generated C symbol for the group: `_ste_<group><suffix>`.
    func groupSymbol(_ suffix: String) -> String { "_ste_\(names.group)\(suffix)" }
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
    /// What keeps the selected backends from generating the file: every backend's own check (a tracer's name
    /// limit, ...). `check` reports these too, so a file it passes always generates.
    public static func check(_ context: GenerationContext) -> [Diagnostic] {
        context.file.lines.flatMap { line -> [Diagnostic] in
            guard case .event(let event) = line else { return [] }
            return check(event, in: context)
        }
    }

    /// Every selected backend's problems with one event of the context's (expanded) file, in backend order.
    static func check(_ event: EventDeclaration, in context: GenerationContext) -> [Diagnostic] {
        context.backends.compactMap { $0.check(event, in: context) }
    }

    /// Generates one output.
    ///
    /// - Throws: ``GenerationFailure`` when the file cannot be generated (a backend's limit, a format that
    ///   does not fit its arguments).
    public static func generate(_ format: OutputFormat, context: GenerationContext) throws -> String {
        let diagnostics = check(context)
        if !diagnostics.isEmpty { throw GenerationFailure(diagnostics) }
        switch format {
        case .swift: return try SwiftWriter(context: context).write()
        case .cHeader: return CHeaderWriter(context: context).write()
        case .cSource: return CSourceWriter(context: context).write()
        }
    }
}
