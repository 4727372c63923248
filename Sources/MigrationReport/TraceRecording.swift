#if canImport(Glibc)
import Glibc
#endif

/// The events of one or more recordings: LTTng's CTF directories (read through libbabeltrace2) and stderr logs.
public struct TraceRecording: Sendable {
    /// Why a recording could not be read.
    public struct LoadError: Error, CustomStringConvertible {
        /// What went wrong, for people.
        public var description: String
    }

    /// Every event, in time order.
    public var events: [RecordedEvent]

    /// Creates a recording of `events`.
    public init(events: [RecordedEvent]) {
        self.events = events.enumerated().sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }
            .map(\.element)
    }

    /// Reads each path: a directory as CTF traces (any depth below it), a file as a stderr log whose host is named
    /// by the file (a classic log's lines also name their thread).
    public init(paths: [String], catalog: EventCatalog = .engine) throws {
        var events: [RecordedEvent] = []
        var traces: [String] = []
        for path in paths {
            var info = stat()
            guard stat(path, &info) == 0 else { throw LoadError(description: "\(path): \(String(cString: strerror(errno)))") }
            if (info.st_mode & S_IFMT) == S_IFDIR {
                traces.append(path)
            } else {
                events += try Self.log(at: path, catalog: catalog)
            }
        }
        if !traces.isEmpty { events += try CTFTraceReader(catalog: catalog).events(under: traces) }
        self.init(events: events)
    }

    /// The migrations the recording holds.
    public var migrations: [MigrationTimeline] { MigrationAnalyzer.migrations(in: events) }

    private static func log(at path: String, catalog: EventCatalog) throws -> [RecordedEvent] {
        guard let file = fopen(path, "r") else { throw LoadError(description: "\(path): \(String(cString: strerror(errno)))") }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = fread(&buffer, 1, buffer.count, file)
            if count <= 0 { break }
            bytes += buffer[0..<count]
        }
        if ferror(file) != 0 { throw LoadError(description: "\(path): read error") }
        let host = path.split(separator: "/").last.map(String.init) ?? path
        let events = StderrLogReader(catalog: catalog).events(in: String(decoding: bytes, as: UTF8.self), host: host)
        guard !events.isEmpty else {
            throw LoadError(description: "\(path): no trace lines (expected TID@SECONDS.MICROSECONDS:NAME MESSAGE or ISO-timestamped lines)")
        }
        return events
    }
}
