/// Checks the meaning of a parsed file: formats against arguments (as `gcc -Wformat` would), names,
/// counts and QEMU's other rules. The parser has already reported syntax errors, and lines it could not
/// parse are not checked again.
///
/// Rules, each reported at the offending token:
/// - the format against the arguments (``FormatArgumentChecker``), a `\n`, `%m`, for each event the
///   declaration defines (``EventDeclaration/expandedEvents``: `vcpu` and `tcg` applied);
/// - `TCGv*` types only in `tcg` events, and `double`/`float` noted as types QEMU 6.0 and later reject;
/// - at most ``maximumArgumentCount`` arguments (QEMU's limit);
/// - argument names unique within an event, and neither C keywords nor C type names;
/// - event names unique within the file (an error), and not differing only in case (a warning: QEMU's
///   generated `TRACE_NAME` macros would collide);
/// - `# swift-tracetool:` directives well formed, with known keys (``GenerationNames``).
///
/// Limits of one backend (LTTng-UST's name length) are that backend's ``CodeGenerationBackend/check(_:)``,
/// which `check` runs as `generate` does.
public struct TraceEventsValidator: Sendable {
    /// QEMU's limit on an event's arguments.
    public static let maximumArgumentCount = 10

    /// Creates a validator.
    public init() {}

    /// Every problem in `file`, in file order.
    public func validate(_ file: TraceEventsFile) -> [Diagnostic] {
        var diagnostics = GenerationNames.directiveDiagnostics(in: file)
        var names = NameRegistry()
        for declaration in file.events {
            diagnostics += validate(declaration, expanded: declaration.expandedEvents, names: &names)
        }
        return diagnostics.sortedByLocation()
    }

    /// The events seen so far, by case-folded name: all that checking a later event's name needs, so a file can
    /// be checked one line at a time. One entry per folded name (the first event that has it); the rare names
    /// that differ from an earlier one only in case have entries of their own, for exact duplicates among them.
    public struct NameRegistry: Sendable {
        private var byFoldedName: [String: (name: String, location: TextLocation)]
        private var caseVariants: [String: TextLocation] = [:]

        /// An empty registry with room for `capacity` events.
        public init(capacity: Int = 0) {
            byFoldedName = Dictionary(minimumCapacity: capacity)
        }

        /// The duplicate-name problems of an event `name` defined at `location` against the events before it,
        /// recording it.
        mutating func register(_ name: String, at location: TextLocation) -> [Diagnostic] {
            let folded = name.uppercased()
            guard let first = byFoldedName[folded] else {
                byFoldedName[folded] = (name, location)
                return []
            }
            if let earlier = first.name == name ? first.location : caseVariants[name] {
                return [
                    Diagnostic(.error, "duplicate event name '\(name)' (first defined on line \(earlier.line))",
                        at: location),
                    Diagnostic(.note, "'\(name)' is first defined here", at: earlier),
                ]
            }
            caseVariants[name] = location
            return [
                Diagnostic(
                    .warning,
                    "event name '\(name)' differs from '\(first.name)' (line \(first.location.line)) only in "
                        + "case; QEMU's generated TRACE_\(folded) macros would collide",
                    at: location)
            ]
        }
    }

    /// The problems of `declaration` and of the names of the events it defines (`expanded`, its
    /// ``EventDeclaration/expandedEvents``) against those in `names` (which records them), unsorted.
    func validate(
        _ declaration: EventDeclaration, expanded: [EventDeclaration], names: inout NameRegistry
    ) -> [Diagnostic] {
        var diagnostics = validateDeclaration(declaration, expanded: expanded)
        for event in expanded {
            diagnostics += names.register(event.name, at: event.location)
        }
        return diagnostics
    }

    /// The problems of one declaration on its own, formats checked for each event it defines.
    public func validate(_ event: EventDeclaration) -> [Diagnostic] {
        validateDeclaration(event, expanded: event.expandedEvents).sortedByLocation()
    }

    /// The problems of `event` that need no other event (all but duplicate names), unsorted.
    func validateDeclaration(_ event: EventDeclaration, expanded: [EventDeclaration]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        if event.arguments.count > Self.maximumArgumentCount {
            diagnostics.append(
                Diagnostic(
                    .error,
                    "event '\(event.name)' has \(event.arguments.count) arguments; QEMU allows at most "
                        + "\(Self.maximumArgumentCount)",
                    at: event.arguments[Self.maximumArgumentCount].location))
        }
        var seen = [String: EventArgument](minimumCapacity: event.arguments.count)
        for argument in event.arguments {
            if let problem = CReservedWords.problem(withArgumentName: argument.name) {
                diagnostics.append(
                    Diagnostic(.error, problem + "; the generated C tracepoint provider would not compile",
                        at: argument.nameLocation))
            }
            if let first = seen[argument.name] {
                diagnostics.append(
                    Diagnostic(.error, "duplicate argument name '\(argument.name)' in event '\(event.name)'",
                        at: argument.nameLocation))
                diagnostics.append(Diagnostic(.note, "'\(argument.name)' is first declared here", at: first.nameLocation))
            } else {
                seen[argument.name] = argument
            }
        }
        diagnostics += DialectRules.diagnostics(for: event)
        for expanded in expanded {
            diagnostics += FormatArgumentChecker.diagnostics(for: expanded)
        }
        return diagnostics
    }
}
