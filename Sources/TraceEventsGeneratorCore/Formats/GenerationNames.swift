/// The names generated code is built from: the group (C symbol prefix, registry name) and the provider
/// that tracers which take one (LTTng-UST) record the events under.
///
/// Precedence, highest first: an explicit option (`swift-tracetool generate --group/--provider`), a
/// directive comment in the trace-events file (``GenerationDirectives``), and a name derived from the target:
///
///     # swift-tracetool: group=vfio_migration provider=vfio_migration
///
/// The derived group is the C target's name without a `Tracepoints` suffix, in snake case
/// (`VFIOMigrationTracepoints` → `vfio_migration`); the provider defaults to the group.
public struct GenerationNames: Hashable, Sendable {
    /// The group name: the `ste_group`'s name and the prefix of every generated C symbol.
    public var group: String
    /// The provider name tracers that take one record the events under (LTTng-UST's provider).
    public var provider: String

    /// The comment prefix that marks a directive line (``GenerationDirectives``).
    public static let directivePrefix = GenerationDirectives.prefix

    /// Creates names; both must be C identifiers.
    public init(group: String, provider: String? = nil) {
        self.group = group
        self.provider = provider ?? group
    }

    /// The group name derived from a target's name: `VFIOMigrationTracepoints` → `vfio_migration`.
    public static func derivedGroup(fromTarget target: String) -> String {
        var name = Substring(target)
        if name.hasSuffix("Tracepoints"), name.count > "Tracepoints".count { name = name.dropLast("Tracepoints".count) }
        let characters = Array(name)
        var result = ""
        for (index, character) in characters.enumerated() {
            if character.isUppercase, index > 0 {
                let previous = characters[index - 1]
                let nextIsLower = index + 1 < characters.count && characters[index + 1].isLowercase
                // Break between words: "aB" and the last capital of an acronym before a word ("IOMi").
                if previous.isLowercase || previous.isNumber || (previous.isUppercase && nextIsLower) {
                    if result.last != "_" { result.append("_") }
                }
            }
            if character.isLetter || character.isNumber {
                result += character.lowercased()
            } else if result.last != "_" {
                result.append("_")
            }
        }
        if result.isEmpty || result.first!.isNumber { result = "_" + result }
        return result
    }

    /// Resolves the names for a file: options over directives over the default group.
    ///
    /// - Throws: a ``Diagnostic`` for a malformed directive or a name that is not a C identifier.
    public static func resolve(
        file: TraceEventsFile,
        defaultGroup: String,
        group explicitGroup: String? = nil,
        provider explicitProvider: String? = nil
    ) throws -> GenerationNames {
        try resolve(
            directives: GenerationDirectives(file: file), path: file.path, defaultGroup: defaultGroup,
            group: explicitGroup, provider: explicitProvider)
    }

    /// Resolves the names from a file's directives, read already: options over directives over the default group.
    ///
    /// - Throws: a ``Diagnostic`` (at line 1 of `path`) for a name that is not a C identifier.
    public static func resolve(
        directives: GenerationDirectives,
        path: String,
        defaultGroup: String,
        group explicitGroup: String? = nil,
        provider explicitProvider: String? = nil
    ) throws -> GenerationNames {
        let group = explicitGroup ?? directives["group"]?.value ?? defaultGroup
        let provider = explicitProvider ?? directives["provider"]?.value ?? group
        let location = TextLocation(file: path, line: 1, column: 1)
        for (what, name) in [("group", group), ("provider", provider)] where !isCIdentifier(name) {
            throw Diagnostic(.error, "\(what) name '\(name)' is not a C identifier (letters, digits and '_', not starting with a digit)", at: location)
        }
        return GenerationNames(group: group, provider: provider)
    }

    /// The problem with the file's directives, if any: what ``resolve(file:defaultGroup:group:provider:)``
    /// would throw, so `check` reports a mistyped key that `generate` would stop on.
    public static func directiveDiagnostics(in file: TraceEventsFile) -> [Diagnostic] {
        directiveProblem(path: file.path) { try GenerationDirectives(file: file) }.map { [$0] } ?? []
    }

    /// The problem with the directives `read` returns (or throws), if any, as ``directiveDiagnostics(in:)``.
    static func directiveProblem(path: String, _ read: () throws -> GenerationDirectives) -> Diagnostic? {
        do {
            _ = try resolve(directives: read(), path: path, defaultGroup: "_")
            return nil
        } catch let diagnostic as Diagnostic {
            return diagnostic
        } catch {
            return nil
        }
    }

    /// Whether `name` is a C identifier.
    static func isCIdentifier(_ name: String) -> Bool {
        guard let first = name.utf8.first, !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else { return false }
        return name.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "_")
        }
    }
}
