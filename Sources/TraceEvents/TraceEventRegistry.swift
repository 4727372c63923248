import CTraceEvents
import Synchronization

/// The Swift side of the C registry: which groups and events exist, their ids, and the patterns applied so far.
///
/// Providers register from constructors (before `main`, or at `dlopen`), so the C list only grows, always at its
/// head. Each refresh walks the list down to the head seen last time and adopts the new groups, replaying the
/// patterns applied so far on their events so that a late `dlopen` sees the same configuration as everyone else.
final class TraceEventRegistry: Sendable {
    /// The process's registry.
    static let shared = TraceEventRegistry()

    private struct State: @unchecked Sendable {
        // @unchecked: the pointers name static registry data (see TraceEvent).
        var seenHead: UnsafePointer<ste_group>?
        var groups: [TraceEventGroup] = []
        var events: [TraceEvent] = []
        var ids: [UnsafePointer<ste_event>: Int] = [:]
        var groupIndices: [UnsafePointer<ste_event>: Int] = [:]
        var eventsByName: [String: [TraceEvent]] = [:]
        /// Patterns applied so far, oldest first; a pattern repeated later replaces its earlier copy.
        var appliedPatterns: [TraceEventPattern] = []
    }

    private let state = Mutex(State())

    /// All events, in registration order, after adopting newly registered groups.
    var events: [TraceEvent] {
        state.withLock { state in
            refresh(&state)
            return state.events
        }
    }

    /// All groups, in registration order.
    var groups: [TraceEventGroup] {
        state.withLock { state in
            refresh(&state)
            return state.groups
        }
    }

    /// Adopts groups registered since the last look, applying the remembered patterns to their events.
    func adoptNewGroups() {
        state.withLock { refresh(&$0) }
    }

    /// The events with this exact name (normally one).
    func events(named name: String) -> [TraceEvent] {
        state.withLock { state in
            refresh(&state)
            return state.eventsByName[name] ?? []
        }
    }

    func id(of event: TraceEvent) -> Int? {
        state.withLock { state in
            refresh(&state)
            return state.ids[event.entry]
        }
    }

    func group(of event: TraceEvent) -> TraceEventGroup? {
        state.withLock { state in
            refresh(&state)
            return state.groupIndices[event.entry].map { state.groups[$0] }
        }
    }

    /// Applies one pattern to every event, remembering it for groups registered later.
    /// Returns the traceable and the disabled events it matched.
    func apply(_ pattern: TraceEventPattern) -> (changed: [TraceEvent], disabled: [TraceEvent]) {
        state.withLock { state in
            refresh(&state)
            state.appliedPatterns.removeAll { $0.glob == pattern.glob }
            state.appliedPatterns.append(pattern)
            return Self.apply(pattern, to: state.events)
        }
    }

    private static func apply(
        _ pattern: TraceEventPattern, to events: [TraceEvent]
    ) -> (changed: [TraceEvent], disabled: [TraceEvent]) {
        var changed: [TraceEvent] = []
        var disabled: [TraceEvent] = []
        for event in events where pattern.matches(event.nameBytes) {
            if event.setEnabled(pattern.enables) {
                changed.append(event)
            } else {
                disabled.append(event)
            }
        }
        return (changed, disabled)
    }

    private func refresh(_ state: inout State) {
        let head = ste_first_group()
        guard head != state.seenHead else { return }
        var newGroups: [UnsafePointer<ste_group>] = []
        var cursor = head
        while let group = cursor, group != state.seenHead {
            newGroups.append(group)
            cursor = UnsafePointer(group.pointee.next)
        }
        state.seenHead = head
        var newEvents: [TraceEvent] = []
        for entry in newGroups.reversed() {
            let group = TraceEventGroup(entry)
            let groupIndex = state.groups.count
            state.groups.append(group)
            for event in group.events where state.ids[event.entry] == nil {
                state.ids[event.entry] = state.events.count
                state.groupIndices[event.entry] = groupIndex
                state.events.append(event)
                state.eventsByName[event.name, default: []].append(event)
                newEvents.append(event)
            }
        }
        for pattern in state.appliedPatterns {
            _ = Self.apply(pattern, to: newEvents)
        }
    }
}
