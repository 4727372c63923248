/// Checks the meaning of a parsed file: formats against arguments (as `gcc -Wformat` would), names,
/// counts and QEMU's other rules. The parser has already reported syntax errors, and lines it could not
/// parse are not checked again.
///
/// Rules, each reported at the offending token:
/// - the format against the arguments (``FormatArgumentChecker``), a trailing `\n`, `%m`;
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
        for event in file.events {
            diagnostics += validate(event)
            if let first = byName[event.name] {
                diagnostics.append(
                    Diagnostic(.error, "duplicate event name '\(event.name)' (first defined on line \(first.location.line))",
                        at: event.location))
                diagnostics.append(Diagnostic(.note, "'\(event.name)' is first defined here", at: first.location))
                continue
            }
            byName[event.name] = event
            let folded = event.name.uppercased()
            if let first = byFoldedName[folded] {
                diagnostics.append(
                    Diagnostic(
                        .warning,
                        "event name '\(event.name)' differs from '\(first.name)' (line \(first.location.line)) only in "
                            + "case; QEMU's generated TRACE_\(folded) macros would collide",
                        at: event.location))
            } else {
                byFoldedName[folded] = event
            }
        }
        return diagnostics.sortedByLocation()
    }

    /// The problems of one event on its own.
    public func validate(_ event: EventDeclaration) -> [Diagnostic] {
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
        diagnostics += FormatArgumentChecker.diagnostics(for: event)
        return diagnostics
    }
}
