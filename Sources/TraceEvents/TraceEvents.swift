import CTraceEvents

/// The program's trace events: which exist, which are on, and where they go.
///
/// Events come from the generated providers linked into the program (registered before `main`) and from
/// ``registerGroup(name:provider:file:events:)``. Patterns follow QEMU's `-trace` grammar (see
/// ``TraceEventPattern``); backends receive every event that is on (see ``TraceBackend``). ``bootstrap(_:)``
/// does the usual start-up in one call.
public enum TraceEvents {
    // MARK: Events

    /// Every registered event, in registration order (a group's events in file order); an event's index here
    /// is its ``TraceEvent/id``.
    public static var allEvents: [TraceEvent] { TraceEventRegistry.shared.events }

    /// Every registered group (one per trace-events file linked into the program).
    public static var groups: [TraceEventGroup] { TraceEventRegistry.shared.groups }

    /// The event with this exact name, or nil; when several groups define the name, the first registered.
    public static func event(named name: String) -> TraceEvent? {
        TraceEventRegistry.shared.events(named: name).first
    }

    /// Whether the event called `name` is on, or nil when no such event exists.
    public static func isEnabled(_ name: String) -> Bool? {
        event(named: name)?.isEnabled
    }

    /// The events that are on now.
    public static var enabledEvents: [TraceEvent] { allEvents.filter(\.isEnabled) }

    // MARK: Patterns

    /// Turns on the events matching `glob` (a name, or a glob with `*` and `?`).
    /// Returns warnings and errors, e.g. when the glob matches no event or names a disabled one.
    @discardableResult
    public static func enable(_ glob: String) -> [TraceDiagnostic] {
        apply(glob, enables: true)
    }

    /// Turns off the events matching `glob`.
    @discardableResult
    public static func disable(_ glob: String) -> [TraceDiagnostic] {
        apply(glob, enables: false)
    }

    private static func apply(_ glob: String, enables: Bool) -> [TraceDiagnostic] {
        do {
            return apply(try TraceEventPattern(glob: glob, enables: enables))
        } catch {
            return [TraceDiagnostic(.error, error.description)]
        }
    }

    /// Applies patterns in order (later ones win), e.g. `["vfio_*", "-vfio_save_buffer"]`.
    /// A malformed pattern is reported and skipped; the others still apply.
    @discardableResult
    public static func apply(_ patterns: [TracePatternLine]) -> [TraceDiagnostic] {
        var diagnostics: [TraceDiagnostic] = []
        for line in patterns {
            do {
                diagnostics += apply(try TraceEventPattern(line.text), origin: line.origin)
            } catch {
                diagnostics.append(TraceDiagnostic(.error, error.description, origin: line.origin))
            }
        }
        return diagnostics
    }

    /// Applies one parsed pattern. Warns when it matches no event, when an exact name is a disabled event (those
    /// can never be turned on), and when a glob that would turn events on matches only disabled ones.
    @discardableResult
    public static func apply(_ pattern: TraceEventPattern, origin: String? = nil) -> [TraceDiagnostic] {
        let (changed, disabled) = TraceEventRegistry.shared.apply(pattern)
        if changed.isEmpty && disabled.isEmpty {
            let what = pattern.isGlob ? "pattern '\(pattern.glob)' matches no trace event"
                : "trace event '\(pattern.glob)' does not exist"
            return [TraceDiagnostic(.warning, what, origin: origin)]
        }
        if pattern.enables && changed.isEmpty {
            let what = pattern.isGlob
                ? "pattern '\(pattern.glob)' matches only disabled trace events, which cannot be turned on"
                : "trace event '\(pattern.glob)' is not traceable: it has the 'disable' property"
            return [TraceDiagnostic(.warning, what, origin: origin)]
        }
        return []
    }
}
