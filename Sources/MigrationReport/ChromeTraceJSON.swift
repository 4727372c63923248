/// Migrations as Chrome trace-event JSON (`{"traceEvents": [...]}`), which Perfetto and `chrome://tracing` open.
///
/// One process per host process; in each, thread 1 holds the phases, 2 the iterations, 3 the downtime, 4 every
/// event as an instant, and one thread per device its states. Complete events (`X`) on one thread follow each
/// other without overlapping, so they nest trivially; counters (`C`) show bytes sent and pending bytes.
public enum ChromeTraceJSON {
    /// The document.
    public static func render(_ timelines: [MigrationTimeline]) -> String {
        let origin = timelines.compactMap { $0.events.first?.time }.min() ?? 0
        func us(_ time: Int64) -> String { microseconds(time - origin) }
        var pids: [EventOrigin: Int] = [:]
        var entries: [String] = []
        func pid(_ origin: EventOrigin) -> Int {
            if let known = pids[origin] { return known }
            let new = pids.count + 1
            pids[origin] = new
            entries.append(#"{"ph":"M","name":"process_name","ts":0,"pid":\#(new),"tid":0,"args":{"name":\#(Escaping.json(origin.description))}}"#)
            for (tid, name) in [(1, "phases"), (2, "iterations"), (3, "downtime"), (4, "events")] {
                entries.append(#"{"ph":"M","name":"thread_name","ts":0,"pid":\#(new),"tid":\#(tid),"args":{"name":"\#(name)"}}"#)
            }
            return new
        }
        func complete(_ name: String, _ category: String, _ start: Int64, _ end: Int64, _ pid: Int, _ tid: Int, _ args: String) {
            entries.append(
                #"{"ph":"X","name":\#(Escaping.json(name)),"cat":"\#(category)","ts":\#(us(start)),"dur":\#(microseconds(max(end - start, 0))),"pid":\#(pid),"tid":\#(tid),"args":{\#(args)}}"#)
        }
        for timeline in timelines {
            let source = pid(timeline.source)
            for phase in timeline.phases { complete(phase.name, "phase", phase.start, phase.end, source, 1, "") }
            var total: UInt64 = 0
            for iteration in timeline.iterations {
                total += iteration.bytes
                complete("iteration \(iteration.number)", "iteration", iteration.start, iteration.end, source, 2,
                         #""bytes":\#(iteration.bytes),"pending_before":\#(iteration.pendingBefore)"#)
                entries.append(#"{"ph":"C","name":"pre-copy bytes","ts":\#(us(iteration.end)),"pid":\#(source),"tid":2,"args":{"sent":\#(total),"pending":\#(iteration.pendingBefore)}}"#)
            }
            if let downtime = timeline.downtimeWindow {
                complete("downtime", "downtime", downtime.start, downtime.end, source, 3, "")
            }
            if let destination = timeline.destination {
                let target = pid(destination)
                for phase in timeline.destinationPhases { complete(phase.name, "phase", phase.start, phase.end, target, 1, "") }
            }
            var laneThreads: [String: Int] = [:]
            for lane in timeline.lanes {
                let process = pid(lane.origin)
                let key = "\(lane.origin)|\(lane.device)"
                let tid = laneThreads[key] ?? 10 + laneThreads.count
                if laneThreads[key] == nil {
                    laneThreads[key] = tid
                    entries.append(#"{"ph":"M","name":"thread_name","ts":0,"pid":\#(process),"tid":\#(tid),"args":{"name":\#(Escaping.json("\(lane.side) \(lane.device)"))}}"#)
                }
                for state in lane.states {
                    complete(state.state, "state", state.start, state.end, process, tid, #""event":\#(Escaping.json(state.message))"#)
                }
            }
            for event in timeline.events {
                entries.append(#"{"ph":"i","s":"t","name":\#(Escaping.json(event.name)),"cat":"event","ts":\#(us(event.time)),"pid":\#(pid(event.origin)),"tid":4,"args":{"message":\#(Escaping.json(event.message))}}"#)
            }
        }
        return "{\"traceEvents\":[\n" + entries.joined(separator: ",\n") + "\n],\"displayTimeUnit\":\"ms\"}\n"
    }

    /// Nanoseconds as microseconds with three decimals, the unit of `ts` and `dur`.
    static func microseconds(_ nanoseconds: Int64) -> String {
        let sign = nanoseconds < 0 ? "-" : ""
        let magnitude = abs(nanoseconds)
        let fraction = String(magnitude % 1000)
        return "\(sign)\(magnitude / 1000).\(String(repeating: "0", count: 3 - fraction.count))\(fraction)"
    }
}
