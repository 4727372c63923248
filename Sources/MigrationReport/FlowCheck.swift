/// The anomalies of a migration: failures, cancels, failed device transitions, and the steps of QEMU's documented
/// flow (docs/devel/migration/vfio.rst, as the engine follows it) that a completed migration is missing.
enum FlowCheck {
    /// The states each device must pass, in this order, on a side of a completed migration. v2: the source goes
    /// through STOP_COPY to STOP (PRE_COPY first when it iterated), the destination RESUMING, STOP, RUNNING; v1
    /// (QEMU 7.2 bits): pre-copy (when iterated), stop-and-copy, stop; resuming, running.
    static func expectedStates(protocolVersion: Int, side: String, iterated: Bool) -> [String] {
        switch (protocolVersion, side) {
        case (1, "source"): (iterated ? ["pre-copy"] : []) + ["stop-and-copy", "stop"]
        case (1, _): ["resuming", "running"]
        case (_, "source"): (iterated ? ["PRE_COPY"] : []) + ["STOP_COPY", "STOP"]
        default: ["RESUMING", "STOP", "RUNNING"]
        }
    }

    /// The handler steps each device must trace on a side of a completed migration.
    static func expectedSteps(protocolVersion: Int, side: String) -> [String] {
        switch (protocolVersion, side) {
        case (1, "source"): ["vfio_v1_save_setup", "vfio_v1_save_complete_precopy", "vfio_save_device_config_state", "vfio_save_cleanup"]
        case (_, "source"): ["vfio_save_setup", "vfio_save_complete_precopy", "vfio_save_device_config_state", "vfio_save_cleanup"]
        default: ["vfio_load_state", "vfio_load_device_config_state", "vfio_load_cleanup"]
        }
    }

    static func anomalies(
        of timeline: MigrationTimeline, source: [RecordedEvent], destination: [RecordedEvent]?
    ) -> [MigrationTimeline.Anomaly] {
        var result: [MigrationTimeline.Anomaly] = []
        for event in source + (destination ?? []) {
            let text: String?
            switch event.name {
            case "migration_failed": text = "migration failed in phase \(event.string("phase") ?? "?"): \(event.string("error") ?? "")"
            case "migration_incoming_failed": text = "incoming migration failed: \(event.string("error") ?? "")"
            case "migration_status" where ["cancelled", "failed"].contains(event.string("new_status") ?? ""):
                text = "status \(event.string("old_status") ?? "?") -> \(event.string("new_status") ?? "?")"
            case "sim_v2_device_error", "sim_v1_device_error":
                let requested = lastRequest(before: event, in: source + (destination ?? []))
                text = "failed transition of \(event.string("name") ?? "?"): \(requested.map { "request \($0) " } ?? "")failed, \(event.string("error") ?? "") (\(event.name)\(event.message))"
            case "sim_v2_device_reset": text = "device \(event.string("name") ?? "?") reset to RUNNING"
            default: text = nil
            }
            if let text { result.append(.init(time: event.time, origin: event.origin, text: text)) }
        }
        if timeline.destination == timeline.source {
            result.append(.init(
                time: nil, origin: timeline.source,
                text: "one log holds both the source and the destination without thread ids (ISO lines): their device "
                    + "states mix; give each process's log, or record with the classic format"))
        }
        guard timeline.outcome == .completed else { return result }
        if timeline.destination == nil {
            result.append(.init(time: nil, origin: timeline.source, text: "no destination process in the trace"))
        }
        for lane in timeline.lanes {
            let expected = expectedStates(protocolVersion: timeline.protocolVersion, side: lane.side, iterated: !timeline.iterations.isEmpty)
            var visited = lane.states.map(\.state)[...]
            for state in expected {
                guard let found = visited.firstIndex(of: state) else {
                    result.append(.init(time: nil, origin: lane.origin, text: "\(lane.device) on the \(lane.side) never entered \(state) (QEMU's flow: \(expected.joined(separator: " -> ")))"))
                    break
                }
                visited = visited[(found + 1)...]
            }
            let events = lane.side == "source" ? source : destination ?? []
            for step in expectedSteps(protocolVersion: timeline.protocolVersion, side: lane.side)
            where !events.contains(where: { $0.name == step && $0.string("name") == lane.device }) {
                result.append(.init(time: nil, origin: lane.origin, text: "\(lane.device) on the \(lane.side) has no \(step)"))
            }
        }
        return result
    }

    /// The state last requested for the device of `event` before it: `vfio_migration_set_state` or v1's bits.
    private static func lastRequest(before event: RecordedEvent, in events: [RecordedEvent]) -> String? {
        let device = event.string("name")
        let request = events.last {
            $0.origin == event.origin && $0.time <= event.time && $0.string("name") == device
                && ($0.name == "vfio_migration_set_state" || $0.name == "vfio_migration_v1_set_state")
        }
        guard let request else { return nil }
        return request.string("state") ?? DeviceStates.v1Name(request.unsigned("state")).map { "\($0)" }
    }
}
