/// The generator backends swift-tracetool knows, and which of them a file gets (QEMU's
/// `--enable-trace-backends`): `generate --backends LIST`, else a `backends=LIST` directive, else every
/// registered backend. Each backend's code is compiled only where its package trait is on, so the default
/// costs nothing for a backend a program does not enable.
public enum CodeGenerationBackends {
    /// Every backend, in the order their code appears in the generated files. A new backend is added here.
    public static let registered: [any CodeGenerationBackend] = [
        DispatchBackend(),
        LTTngBackend(),
        USDTBackend(),
    ]

    /// The name that selects no backend at all (QEMU's `nop`): every trace function is empty.
    public static let none = "nop"

    /// The backends a list such as `runtime,lttng` names (QEMU's names are accepted too), in registered order.
    ///
    /// - Throws: a ``Diagnostic`` (at `location`) naming an unknown backend and the known ones.
    public static func selection(_ list: String, at location: TextLocation) throws -> [any CodeGenerationBackend] {
        var chosen: Set<String> = []
        for item in list.split(separator: ",").map({ $0.trimmingBlanks() }) where item != none {
            guard let backend = registered.first(where: { $0.name == item || $0.aliases.contains(String(item)) }) else {
                let known = registered.map { ([$0.name] + $0.aliases).joined(separator: "/") } + [none]
                throw Diagnostic(.error, "unknown generator backend '\(item)' (known: \(known.joined(separator: ", ")))", at: location)
            }
            chosen.insert(backend.name)
        }
        return registered.filter { chosen.contains($0.name) }
    }

    /// The backends for a file: its `backends=` directive, or every registered one. (An option given on the
    /// command line goes straight to ``selection(_:at:)``.)
    public static func resolve(file: TraceEventsFile) throws -> [any CodeGenerationBackend] {
        try resolve(directives: GenerationDirectives(file: file))
    }

    /// The backends a file's directives, read already, select: its `backends=` directive, or every registered one.
    public static func resolve(directives: GenerationDirectives) throws -> [any CodeGenerationBackend] {
        if let directive = directives["backends"] {
            return try selection(directive.value, at: directive.location)
        }
        return registered
    }
}
