/// Finds the migrations in a recording and builds each one's timeline.
///
/// A source is a process that traced `migration_start`; each start begins one migration, which lasts until the
/// process's next start. A destination is a process that traced `migration_incoming_phase`; each `header` phase
/// begins one incoming migration. A source pairs with the incoming migration nearest its start that could have
/// accepted its connection (see `pairedIncoming`).
public enum MigrationAnalyzer {
    /// The migrations of `events`, in the order they started.
    public static func migrations(in events: [RecordedEvent]) -> [MigrationTimeline] {
        let ordered = events.enumerated().sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }
            .map(\.element)
        let byOrigin = Dictionary(grouping: ordered, by: \.origin)
        var incoming = byOrigin.values.flatMap { incomingSegments(of: $0) }.sorted { $0.header < $1.header }
        // Sources pair in the order they started, so an earlier migration's destination is never taken by a later one.
        let sources = byOrigin.flatMap { origin, events in sourceSegments(of: events).map { (origin, $0) } }
            .sorted { (start(of: $0.1) ?? .max, $0.0) < (start(of: $1.1) ?? .max, $1.0) }
        return sources.map { origin, segment in
            let destination = pairedIncoming(of: segment, among: incoming).map { incoming.remove(at: $0) }
            return timeline(source: origin, events: segment, destination: destination)
        }.sorted { $0.start < $1.start }
    }

    /// One incoming migration's events.
    struct IncomingSegment {
        var origin: EventOrigin
        var header: Int64
        var events: [RecordedEvent]
        /// Where it accepted the connection (`transport_accept`), if it did.
        var address: String? { events.first { $0.name == "transport_accept" }?.string("address") }
    }

    /// How long before `migration_start` the destination may begin: the source connects (and the destination
    /// accepts and reads the header) before it traces the start.
    static let connectionLead: Int64 = 1_000_000_000

    /// The time of a source segment's `migration_start`, if it has one.
    static func start(of source: [RecordedEvent]) -> Int64? {
        source.first { $0.name == "migration_start" }?.time
    }

    /// The index of the incoming migration that received `source`: among those that begin within a second of the
    /// source's run and could have accepted where the source connected, the one whose header comes closest to the
    /// source's start. One that accepted on another address is never taken: it belongs to another migration, even
    /// when this source's own destination is not in the recording.
    static func pairedIncoming(of source: [RecordedEvent], among incoming: [IncomingSegment]) -> Int? {
        guard let start = start(of: source) else { return nil }
        let end = source.last?.time ?? start
        let connected = source.last { $0.name == "transport_connect" && $0.time <= start }?.string("address")
        // A source that fails fast can be done before its destination gets to the header.
        let candidates = incoming.indices.filter {
            incoming[$0].header >= start - connectionLead && incoming[$0].header <= end + connectionLead
                && ListeningAddress.couldAccept(incoming[$0].address, connected)
        }
        return candidates.min { abs(incoming[$0].header - start) < abs(incoming[$1].header - start) }
    }

    /// The source migrations of one process: from each `migration_start` to the next (device events before the
    /// first start belong to the first).
    static func sourceSegments(of events: [RecordedEvent]) -> [[RecordedEvent]] {
        let starts = events.indices.filter { events[$0].name == "migration_start" }
        guard !starts.isEmpty else { return [] }
        return starts.enumerated().map { index, start in
            let from = index == 0 ? events.startIndex : start
            let to = index + 1 < starts.count ? starts[index + 1] : events.endIndex
            return Array(events[from..<to])
        }
    }

    /// The incoming migrations of one process, split at each `header` phase.
    static func incomingSegments(of events: [RecordedEvent]) -> [IncomingSegment] {
        let headers = events.indices.filter {
            events[$0].name == "migration_incoming_phase" && events[$0].string("phase") == "header"
        }
        return headers.enumerated().map { index, header in
            let from = index == 0 ? events.startIndex : header
            let to = index + 1 < headers.count ? headers[index + 1] : events.endIndex
            return IncomingSegment(origin: events[header].origin, header: events[header].time, events: Array(events[from..<to]))
        }
    }

    static func timeline(source: EventOrigin, events: [RecordedEvent], destination: IncomingSegment?) -> MigrationTimeline {
        let startEvent = events.first { $0.name == "migration_start" }
        let start = startEvent?.time ?? events.first?.time ?? 0
        let complete = events.first { $0.name == "migration_complete" }
        let failed = events.first { $0.name == "migration_failed" }
        let end = (complete ?? failed)?.time ?? events.last?.time ?? start
        let outcome: MigrationTimeline.Outcome
        if complete != nil {
            outcome = .completed
        } else if let failed {
            outcome = .failed(phase: failed.string("phase") ?? "?", error: failed.string("error") ?? "")
        } else {
            outcome = .unfinished
        }
        // The picture starts where the migration does (the destination's devices stopped long before, while the
        // process waited), with a small margin.
        let everything = (events + (destination?.events ?? [])).sorted { $0.time < $1.time }
        let windowEnd = max(everything.last?.time ?? end, end)
        let firstStep = min(start, destination?.header ?? start)
        let windowStart = firstStep - (windowEnd - firstStep) / 50
        let all = everything.filter { $0.time >= windowStart }
        let iterations = Self.iterations(in: events)
        let bytesSent = complete?.unsigned("total_bytes") ?? events.last { $0.name == "migration_iteration" }?.unsigned("total_bytes") ?? 0
        let iteratedBytes = events.last { $0.name == "migration_iteration" }?.unsigned("total_bytes") ?? 0
        let protocolVersion = Int(startEvent?.integer("version") ?? 0)
        var lanes = DeviceStates.lanes(events, side: "source", window: windowStart...windowEnd)
        if let destination {
            lanes += DeviceStates.lanes(destination.events, side: "destination", window: windowStart...windowEnd)
        }
        var timeline = MigrationTimeline(
            source: source, destination: destination?.origin, protocolVersion: protocolVersion,
            deviceCount: Int(startEvent?.integer("devices") ?? 0),
            downtimeLimit: (startEvent?.integer("downtime_limit_us") ?? 0) * 1000, outcome: outcome, start: start,
            end: end, phases: spans(events, event: "migration_phase", end: end),
            destinationPhases: spans(destination?.events ?? [], event: "migration_incoming_phase",
                                     end: destination?.events.last?.time ?? end),
            iterations: iterations, bytesSent: bytesSent, finalBytes: bytesSent >= iteratedBytes ? bytesSent - iteratedBytes : 0,
            downtimeWindow: downtimeWindow(events), engineDowntime: events.first { $0.name == "migration_downtime" }?.integer("downtime_us").map { $0 * 1000 },
            engineTotal: complete?.integer("total_us").map { $0 * 1000 }, lanes: lanes, anomalies: [], events: all)
        timeline.anomalies = FlowCheck.anomalies(of: timeline, source: events, destination: destination?.events)
        return timeline
    }

    /// Each `event` (a phase event) starts a span that lasts until the next one, the last until `end`.
    static func spans(_ events: [RecordedEvent], event: String, end: Int64) -> [MigrationTimeline.Span] {
        let marks = events.filter { $0.name == event }
        return marks.enumerated().map { index, mark in
            let next = index + 1 < marks.count ? marks[index + 1].time : max(end, mark.time)
            return MigrationTimeline.Span(name: mark.string("phase") ?? "?", start: mark.time, end: next)
        }
    }

    /// The iterations: each from the `migration_pending` check that let it run to its `migration_iteration`.
    static func iterations(in events: [RecordedEvent]) -> [MigrationTimeline.Iteration] {
        var result: [MigrationTimeline.Iteration] = []
        var lastPending: RecordedEvent?
        for event in events {
            if event.name == "migration_pending" { lastPending = event }
            guard event.name == "migration_iteration" else { continue }
            result.append(
                MigrationTimeline.Iteration(
                    number: Int(event.integer("iteration") ?? Int64(result.count + 1)), bytes: event.unsigned("bytes") ?? 0,
                    pendingBefore: lastPending?.unsigned("pending") ?? 0, start: lastPending?.time ?? event.time,
                    end: event.time, message: event.message))
        }
        return result
    }

    /// From the VM's stop for the migration (`vm_state_change` to `finish-migrate`) to `migration_downtime`,
    /// which the engine traces when its downtime window closes; after a failure, to the VM running again.
    static func downtimeWindow(_ events: [RecordedEvent]) -> MigrationTimeline.Span? {
        guard let stop = events.first(where: { $0.name == "vm_state_change" && $0.string("run_state") == "finish-migrate" })
        else { return nil }
        let closed = events.first { $0.name == "migration_downtime" && $0.time >= stop.time }
            ?? events.first { $0.name == "vm_state_change" && $0.integer("running") == 1 && $0.time >= stop.time }
        guard let closed else { return nil }
        return MigrationTimeline.Span(name: "downtime", start: stop.time, end: closed.time)
    }
}
