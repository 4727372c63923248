/// The timeline picture of migrations: one self-contained HTML file of inline SVG, no network, no framework.
///
/// Per migration: the source's phases, its iterations as bars whose height is their bytes, one lane per device per
/// host with its states coloured by state, the destination's phases, the downtime window across all rows, and a
/// shared time axis. Every mark carries an SVG `<title>` (the browser's tooltip) and a `data-msg` that a few lines
/// of inline script show in the box at the top.
public enum TimelineHTML {
    static let width = 1200.0, labelWidth = 300.0, rowHeight = 22.0, iterationHeight = 44.0

    /// The whole page.
    public static func render(_ timelines: [MigrationTimeline]) -> String {
        let figures = timelines.enumerated().map { svg($0.element, number: $0.offset + 1) }.joined(separator: "\n")
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>VFIO migration timeline</title>
            <style>
            body { font: 13px sans-serif; margin: 12px; background: #fff; color: #212121; }
            #info { position: sticky; top: 0; background: #fffde7; border: 1px solid #ccc; padding: 4px 8px; min-height: 1.3em; font-family: monospace; }
            svg text { font: 11px sans-serif; }
            svg [data-msg]:hover { stroke: #000; stroke-width: 1; }
            </style></head><body>
            <div id="info">hover a mark to see its event</div>
            \(timelines.isEmpty ? "<p>no migration in the trace</p>" : figures)
            \(legend())
            <script>
            document.addEventListener("mouseover", function (e) {
              var m = e.target.getAttribute && e.target.getAttribute("data-msg");
              if (m) document.getElementById("info").textContent = m;
            });
            </script>
            </body></html>

            """
    }

    /// The SVG of one migration.
    static func svg(_ timeline: MigrationTimeline, number: Int) -> String {
        let first = timeline.events.first?.time ?? timeline.start
        let last = max(timeline.events.last?.time ?? timeline.end, first + 1)
        let span = Double(last - first)
        func x(_ time: Int64) -> Double { labelWidth + (width - labelWidth - 20) * Double(time - first) / span }
        func w(_ start: Int64, _ end: Int64) -> Double { max(x(end) - x(start), 1) }
        var body: [String] = []
        var y = 40.0
        func label(_ text: String, _ rowY: Double) {
            body.append(##"<text x="4" y="\##(f(rowY + rowHeight * 0.7))">\##(Escaping.xml(text))</text>"##)
        }
        func rect(_ start: Int64, _ end: Int64, _ rowY: Double, _ height: Double, _ colour: String, _ message: String, _ cls: String) {
            let m = Escaping.xml(message)
            body.append(
                ##"<rect class="\##(cls)" x="\##(f(x(start)))" y="\##(f(rowY))" width="\##(f(w(start, end)))" height="\##(f(height))" fill="\##(colour)" data-msg="\##(m)"><title>\##(m)</title></rect>"##)
        }
        let t0 = timeline.start
        func at(_ time: Int64) -> String { (time >= t0 ? "+" : "") + BreakdownText.milliseconds(time - t0) }

        label("\(timeline.source.host) source phases", y)
        for phase in timeline.phases {
            rect(phase.start, phase.end, y + 2, rowHeight - 4, StatePalette.colour(ofPhase: phase.name),
                 "source phase \(phase.name) at \(at(phase.start)) for \(BreakdownText.milliseconds(phase.duration))", "phase")
        }
        y += rowHeight
        label("iterations (bar height = bytes)", y + iterationHeight - rowHeight)
        let largest = max(timeline.iterations.map(\.bytes).max() ?? 1, 1)
        for iteration in timeline.iterations {
            let height = max(iterationHeight * Double(iteration.bytes) / Double(largest), 2)
            rect(iteration.start, iteration.end, y + iterationHeight - height, height, "#1565c0",
                 "iteration \(iteration.number): \(iteration.bytes) bytes, pending before \(iteration.pendingBefore), \(BreakdownText.milliseconds(iteration.end - iteration.start)) — migration_iteration \(iteration.message)", "iteration")
        }
        y += iterationHeight + 4
        for lane in timeline.lanes {
            body.append(##"<g class="lane" data-host="\##(Escaping.xml(lane.origin.description))" data-side="\##(lane.side)" data-device="\##(Escaping.xml(lane.device))">"##)
            label("\(lane.origin) \(lane.side) \(lane.device)", y)
            for state in lane.states {
                rect(state.start, state.end, y + 2, rowHeight - 4, StatePalette.colour(of: state.state),
                     "\(lane.device) \(state.state) from \(at(state.start)) to \(at(state.end)): \(state.message)", "state")
            }
            for event in timeline.events where event.origin == lane.origin && event.string("name") == lane.device {
                let m = Escaping.xml("\(at(event.time)) \(event.name)\(event.message)")
                body.append(##"<line class="event" x1="\##(f(x(event.time)))" x2="\##(f(x(event.time)))" y1="\##(f(y + rowHeight - 5))" y2="\##(f(y + rowHeight - 1))" stroke="#212121" data-msg="\##(m)"><title>\##(m)</title></line>"##)
            }
            body.append("</g>")
            y += rowHeight
        }
        if let destination = timeline.destination {
            label("\(destination.host) destination phases", y)
            for phase in timeline.destinationPhases {
                rect(phase.start, phase.end, y + 2, rowHeight - 4, StatePalette.colour(ofPhase: phase.name),
                     "destination phase \(phase.name) at \(at(phase.start)) for \(BreakdownText.milliseconds(phase.duration))", "phase")
            }
            y += rowHeight
        }
        if let downtime = timeline.downtimeWindow {
            let m = Escaping.xml("downtime \(BreakdownText.milliseconds(downtime.duration)) from \(at(downtime.start)) to \(at(downtime.end))")
            body.append(##"<rect id="downtime-\##(number)" class="downtime" x="\##(f(x(downtime.start)))" y="34" width="\##(f(w(downtime.start, downtime.end)))" height="\##(f(y - 34))" fill="#e53935" fill-opacity="0.12" stroke="#e53935" stroke-dasharray="4 2" data-msg="\##(m)"><title>\##(m)</title></rect>"##)
            let anchor = x(downtime.end) > width - 320 ? "end" : "start"
            let labelX = anchor == "end" ? x(downtime.end) - 2 : x(downtime.start) + 2
            body.append(##"<text x="\##(f(labelX))" y="30" text-anchor="\##(anchor)" fill="#c62828">\##(m)</text>"##)
        }
        body.append(axis(first: first, last: last, t0: t0, y: y, x: x))
        let title = "migration \(number): \(timeline.source) → \(timeline.destination?.description ?? "?"), protocol v\(timeline.protocolVersion), \(timeline.outcome)"
        return """
            <h3>\(Escaping.xml(title))</h3>
            <svg xmlns="http://www.w3.org/2000/svg" class="migration" width="\(f(width))" height="\(f(y + 36))" viewBox="0 0 \(f(width)) \(f(y + 36))">
            <rect x="0" y="0" width="\(f(width))" height="\(f(y + 36))" fill="#fafafa"/>
            \(body.joined(separator: "\n"))
            </svg>
            """
    }

    /// Ticks every 1, 2 or 5 × 10^n ms under the rows, times relative to `migration_start`.
    static func axis(first: Int64, last: Int64, t0: Int64, y: Double, x: (Int64) -> Double) -> String {
        let span = Double(last - first) / 1e6
        let steps = (-3...6).flatMap { power in [1.0, 2, 5].map { $0 * pow10(power) } }
        let step = steps.first { span / $0 <= 12 } ?? steps[steps.count - 1]
        var lines = [##"<g class="axis"><line x1="\##(f(labelWidth))" x2="\##(f(width - 20))" y1="\##(f(y + 4))" y2="\##(f(y + 4))" stroke="#616161"/>"##]
        let firstTick = (Double(first - t0) / 1e6 / step).rounded(.up) * step
        var tick = firstTick
        while tick <= Double(last - t0) / 1e6 {
            let px = x(t0 + Int64(tick * 1e6))
            lines.append(##"<line x1="\##(f(px))" x2="\##(f(px))" y1="\##(f(y + 4))" y2="\##(f(y + 9))" stroke="#616161"/><text x="\##(f(px - 10))" y="\##(f(y + 22))">\##(tickLabel(tick)) ms</text>"##)
            tick += step
        }
        lines.append("</g>")
        return lines.joined(separator: "\n")
    }

    private static func pow10(_ power: Int) -> Double {
        var value = 1.0
        for _ in 0..<abs(power) { value *= 10 }
        return power < 0 ? 1 / value : value
    }

    private static func tickLabel(_ value: Double) -> String {
        let rounded = (value * 1000).rounded() / 1000
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    /// The state colours.
    static func legend() -> String {
        let states = ["RUNNING", "RUNNING_P2P", "PRE_COPY", "PRE_COPY_P2P", "STOP_COPY", "STOP", "RESUMING", "ERROR"]
        let items = states.map { state in
            ##"<span style="display:inline-block;margin-right:10px"><span style="display:inline-block;width:12px;height:12px;background:\##(StatePalette.colour(of: state))"></span> \##(state)</span>"##
        }
        return "<p class=\"legend\">\(items.joined()) (v1 bits: running, pre-copy, stop-and-copy, stop, resuming, error in the same colours)</p>"
    }

    /// A coordinate with one decimal.
    static func f(_ value: Double) -> String {
        let tenths = (value * 10).rounded()
        return tenths.truncatingRemainder(dividingBy: 10) == 0 ? String(Int(tenths / 10)) : String(tenths / 10)
    }
}
