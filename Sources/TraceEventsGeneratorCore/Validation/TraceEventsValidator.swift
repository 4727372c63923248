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
        var byName: [String: EventDeclaration] = [:]
        var byFoldedName: [String: EventDeclaration] = [:]
        for declaration in file.events {
            diagnostics += validateDeclaration(declaration)
            for event in declaration.expandedEvents {
                diagnostics += validateNames(event, byName: &byName, byFoldedName: &byFoldedName)
            }
        }
        return diagnostics.sortedByLocation()
    }

    /// The duplicate-name problems of `event` against the events before it.
    private func validateNames(
        _ event: EventDeclaration, byName: inout [String: EventDeclaration],
        byFoldedName: inout [String: EventDeclaration]
    ) -> [Diagnostic] {
        if let first = byName[event.name] {
            return [
                Diagnostic(.error, "duplicate event name '\(event.name)' (first defined on line \(first.location.line))",
                    at: event.location),
                Diagnostic(.note, "'\(event.name)' is first defined here", at: first.location),
            ]
        }
        byName[event.name] = event
        let folded = event.name.uppercased()
        guard let first = byFoldedName[folded] else {
            byFoldedName[folded] = event
            return []
        }
        return [
            Diagnostic(
                .warning,
                "event name '\(event.name)' differs from '\(first.name)' (line \(first.location.line)) only in "
                    + "case; QEMU's generated TRACE_\(folded) macros would collide",
                at: event.location)
        ]
    }

    /// The problems of one declaration on its own, formats checked for each event it defines.
    public func validate(_ event: EventDeclaration) -> [Diagnostic] {
        validateDeclaration(event).sortedByLocation()
    }

    private func validateDeclaration(_ event: EventDeclaration) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        if event.arguments.count > Self.maximumArgumentCount {
            diagnostics.append(
                Diagnostic(
                    .error,
                    "event '\(event.name)' has \(event.arguments.count) arguments; QEMU allows at most "
                        + "\(Self.maximumArgumentCount)",
                    at: event.arguments[Self.maximumArgumentCount].location))
        }
        var seen: [String: EventArgument] = [:]
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
        for expanded in event.expandedEvents {
            diagnostics += FormatArgumentChecker.diagnostics(for: expanded)
        }
        return diagnostics
    }
}
