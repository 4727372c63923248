import VFIOMigration

/// Each device's states on one side, from the events that change them.
///
/// The simulated devices trace every arc they take (`sim_v2_device_arc`, `sim_v1_device_state`), which is the
/// truth; a trace without them (QEMU's own) falls back to the states QEMU asked for (`vfio_migration_set_state`,
/// `vfio_migration_v1_set_state`). A device error enters ERROR (v2) or the error bits (v1); a reset enters RUNNING.
enum DeviceStates {
    /// A state change: device, new state, the state left when known, the message.
    struct Change {
        var device: String
        var from: String?
        var to: String
        var time: Int64
        var message: String
    }

    static func lanes(_ events: [RecordedEvent], side: String, window: ClosedRange<Int64>) -> [MigrationTimeline.DeviceLane] {
        let changes = self.changes(events)
        var order: [String] = []
        for event in events where event.name == "vfio_migration_probe" || event.name.hasSuffix("set_state") {
            if let device = event.string("name"), !order.contains(device) { order.append(device) }
        }
        for change in changes where !order.contains(change.device) { order.append(change.device) }
        guard let origin = events.first?.origin else { return [] }
        return order.map { device in
            var states: [MigrationTimeline.StateInterval] = []
            for change in changes where change.device == device {
                if states.isEmpty, let from = change.from {
                    states.append(.init(state: from, start: window.lowerBound, end: change.time, message: "initial state"))
                }
                if let last = states.indices.last { states[last].end = change.time }
                if states.last?.state == change.to { continue }
                states.append(.init(state: change.to, start: change.time, end: window.upperBound, message: change.message))
            }
            let visible = states.filter { $0.end >= window.lowerBound }.map { state in
                var clipped = state
                clipped.start = max(state.start, window.lowerBound)
                return clipped
            }
            return MigrationTimeline.DeviceLane(device: device, origin: origin, side: side, states: visible)
        }
    }

    /// The state changes of `events` in order.
    static func changes(_ events: [RecordedEvent]) -> [Change] {
        let simulated = events.contains { $0.name == "sim_v2_device_arc" || $0.name == "sim_v1_device_state" }
        var result: [Change] = []
        for event in events {
            guard let device = event.string("name") else { continue }
            func add(_ from: String?, _ to: String?) {
                if let to { result.append(Change(device: device, from: from, to: to, time: event.time, message: "\(event.name)\(event.message)")) }
            }
            switch event.name {
            case "sim_v2_device_arc" where simulated: add(event.string("from"), event.string("to"))
            case "sim_v1_device_state" where simulated:
                add(v1Name(event.unsigned("old_state")), v1Name(event.unsigned("new_state")))
            case "vfio_migration_set_state" where !simulated: add(nil, event.string("state"))
            case "vfio_migration_v1_set_state" where !simulated: add(nil, v1Name(event.unsigned("state")))
            case "sim_v2_device_error": add(event.string("state"), "ERROR")
            case "sim_v1_device_error": add(nil, v1Name(event.unsigned("state")))
            case "sim_v2_device_reset": add("ERROR", "RUNNING")
            default: break
            }
        }
        return result
    }

    /// A v1 `device_state` by its bits' meaning (`pre-copy`), as the engine names it.
    static func v1Name(_ value: UInt64?) -> String? {
        value.map { V1DeviceState(rawValue: UInt32(truncatingIfNeeded: $0)).definedBits.description }
    }
}
