/// The plain-text breakdown of migrations, as `vfio-migrate report` prints it.
public enum BreakdownText {
    /// The breakdown of every migration in `timelines`.
    public static func render(_ timelines: [MigrationTimeline]) -> String {
        guard !timelines.isEmpty else { return "no migration in the trace (no migration_start event)\n" }
        return timelines.enumerated().map { render($0.element, number: $0.offset + 1) }.joined(separator: "\n")
    }

    /// The breakdown of one migration.
    public static func render(_ timeline: MigrationTimeline, number: Int) -> String {
        let t0 = timeline.start
        func at(_ time: Int64) -> String { (time >= t0 ? "+" : "") + milliseconds(time - t0) }
        var lines: [String] = []
        let destination = timeline.destination.map(\.description) ?? "(no destination in the trace)"
        lines.append("migration \(number): \(timeline.source) -> \(destination)")
        lines.append("  protocol v\(timeline.protocolVersion), \(timeline.deviceCount) device(s), \(timeline.outcome)")
        lines.append("  bytes sent:     \(timeline.bytesSent) in \(timeline.iterations.count) iteration(s); after the last iteration \(timeline.finalBytes)")
        lines.append("  source phases:")
        for phase in timeline.phases {
            lines.append("    \(pad(phase.name, 16)) at \(pad(at(phase.start), 12)) for \(milliseconds(phase.duration))")
            if phase.name == "iterate" {
                for iteration in timeline.iterations {
                    lines.append(
                        "      iteration \(iteration.number): \(iteration.bytes) bytes in \(milliseconds(iteration.end - iteration.start)), pending before \(iteration.pendingBefore) (at \(at(iteration.start)))")
                }
            }
        }
        if !timeline.destinationPhases.isEmpty {
            lines.append("  destination phases:")
            for phase in timeline.destinationPhases {
                lines.append("    \(pad(phase.name, 16)) at \(pad(at(phase.start), 12)) for \(milliseconds(phase.duration))")
            }
        }
        if let downtime = timeline.downtimeWindow {
            let engine = timeline.engineDowntime.map { " (engine: \(milliseconds($0)))" } ?? ""
            let limit = timeline.downtimeLimit > 0 ? ", limit \(milliseconds(timeline.downtimeLimit))" : ""
            lines.append("  downtime:       \(milliseconds(downtime.duration)) from \(at(downtime.start)) to \(at(downtime.end))\(engine)\(limit)")
        } else {
            lines.append("  downtime:       none (the VM did not stop for the switchover)")
        }
        if let load = timeline.destinationPhase("load"), let stopCopy = timeline.phase("stop-and-copy") {
            let overlap = min(load.end, stopCopy.end) - max(load.start, stopCopy.start)
            if overlap > 0 { lines.append("  load overlaps stop-and-copy by \(milliseconds(overlap))") }
        }
        let engineTotal = timeline.engineTotal.map { " (engine: \(milliseconds($0)))" } ?? ""
        lines.append("  total:          \(milliseconds(timeline.totalTime))\(engineTotal)")
        lines.append("  device states:")
        for lane in timeline.lanes {
            let states = lane.states.map { "\($0.state) \(at($0.start))" }.joined(separator: ", ")
            lines.append("    \(lane.device) \(lane.side) (\(lane.origin)): \(states)")
        }
        if timeline.anomalies.isEmpty {
            lines.append("  anomalies: none")
        } else {
            lines.append("  anomalies:")
            for anomaly in timeline.anomalies {
                lines.append("    \(anomaly.time.map { at($0) + " " } ?? "")\(anomaly)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `12.345 ms`.
    static func milliseconds(_ nanoseconds: Int64) -> String {
        let micro = (nanoseconds + (nanoseconds >= 0 ? 500 : -500)) / 1000
        let sign = micro < 0 ? "-" : ""
        let magnitude = abs(micro)
        let fraction = String(magnitude % 1000)
        return "\(sign)\(magnitude / 1000).\(String(repeating: "0", count: 3 - fraction.count))\(fraction) ms"
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}
