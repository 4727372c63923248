/// The v2 device state machine: the arcs a driver implements and the multi-step path between any two states.
///
/// The kernel encodes its paths in a hand-written table (`vfio_from_fsm_table`). Here the path is derived from the
/// rules that table was written by, so the table test can check that the rules reproduce it exactly: paths are
/// shortest over the arcs the device's features provide, and a saving-group state (PRE_COPY, PRE_COPY_P2P,
/// STOP_COPY) is never passed through unless the path starts and ends in the saving group, because entering the
/// group opens a data stream and leaving it closes one.
public enum V2StateMachine {
    /// Why a requested transition is refused (the kernel answers all of these with `-EINVAL`).
    public enum TransitionError: Error, Equatable, CustomStringConvertible {
        /// The current state does not exist for the device's features.
        case unsupportedCurrentState(V2DeviceState)
        /// The requested state does not exist for the device's features (ERROR is never requestable).
        case unsupportedTargetState(V2DeviceState)
        /// No path exists; STOP_COPY to a pre-copy state is blocked by the uAPI.
        case blocked(from: V2DeviceState, to: V2DeviceState)

        /// A human-readable reason.
        public var description: String {
            switch self {
            case .unsupportedCurrentState(let state): "current state \(state) is not supported by the device"
            case .unsupportedTargetState(let state): "state \(state) cannot be requested on this device"
            case .blocked(let from, let to): "transition \(from) -> \(to) is not permitted"
            }
        }
    }

    /// The direct arcs a driver with `features` implements (the uAPI's "FSM arcs" list).
    public static func arcs(for features: V2MigrationFeatures) -> [(from: V2DeviceState, to: V2DeviceState)] {
        var arcs: [(V2DeviceState, V2DeviceState)] = [
            (.resuming, .stop), (.stop, .resuming), (.stop, .stopCopy), (.stopCopy, .stop),
        ]
        let p2p = features.contains(.p2p)
        let preCopy = features.contains(.preCopy)
        if p2p {
            arcs += [(.running, .runningP2P), (.runningP2P, .running), (.runningP2P, .stop), (.stop, .runningP2P)]
        } else {
            arcs += [(.running, .stop), (.stop, .running)]
        }
        if preCopy {
            arcs += [(.running, .preCopy), (.preCopy, .running)]
            if p2p {
                arcs += [
                    (.preCopy, .preCopyP2P), (.preCopyP2P, .preCopy), (.preCopyP2P, .runningP2P),
                    (.preCopyP2P, .stopCopy), (.runningP2P, .preCopyP2P),
                ]
            } else {
                arcs += [(.preCopy, .stopCopy)]
            }
        }
        return arcs.map { (from: $0.0, to: $0.1) }
    }

    /// Whether `from -> to` is a single arc the driver implements.
    public static func isDirectArc(from: V2DeviceState, to: V2DeviceState, features: V2MigrationFeatures) -> Bool {
        arcs(for: features).contains { $0.from == from && $0.to == to }
    }

    /// The states a device passes through from `current` to `target`, excluding `current`, ending with `target`;
    /// empty when they are equal.
    public static func path(
        from current: V2DeviceState,
        to target: V2DeviceState,
        features: V2MigrationFeatures
    ) throws(TransitionError) -> [V2DeviceState] {
        guard features.supports(current) else { throw .unsupportedCurrentState(current) }
        guard features.supports(target) else { throw .unsupportedTargetState(target) }
        if current == target { return [] }
        if current == .stopCopy && (target == .preCopy || target == .preCopyP2P) {
            throw .blocked(from: current, to: target)
        }
        let mayCrossSavingGroup = current.isSaving && target.isSaving
        let arcs = arcs(for: features)
        // Breadth-first search; arcs are explored in the order above, which never matters because the rules leave
        // exactly one shortest path for every pair (the table test checks that).
        var previous: [V2DeviceState: V2DeviceState] = [current: current]
        var frontier = [current]
        while !frontier.isEmpty, previous[target] == nil {
            var next: [V2DeviceState] = []
            for state in frontier {
                if state != current && state.isSaving && !mayCrossSavingGroup { continue }
                for arc in arcs where arc.from == state && previous[arc.to] == nil {
                    previous[arc.to] = state
                    next.append(arc.to)
                }
            }
            frontier = next
        }
        guard previous[target] != nil else { throw .blocked(from: current, to: target) }
        var path: [V2DeviceState] = []
        var state = target
        while state != current {
            path.append(state)
            state = previous[state]!
        }
        return path.reversed()
    }

    /// The next state on the way from `current` to `target` (what `vfio_mig_get_next_state` returns).
    public static func nextState(
        from current: V2DeviceState,
        to target: V2DeviceState,
        features: V2MigrationFeatures
    ) throws(TransitionError) -> V2DeviceState {
        try path(from: current, to: target, features: features).first ?? current
    }
}
