/// Reads QEMU's log lines, as the stderr backend writes them, into events.
///
/// Two line shapes: classic `TID@SECONDS.MICROSECONDS:NAME MESSAGE` (QEMU's `-msg timestamp=on` before 10.1) and
/// ISO `2025-07-21T18:43:28.089797Z NAME MESSAGE`. Other lines (a program's own output) are skipped. A classic
/// line names its thread, which stands for the process; an ISO line does not, so a log of ISO lines is one process.
public struct StderrLogReader: Sendable {
    /// The events' templates, which turn messages back into fields.
    public var catalog: EventCatalog

    /// Creates a reader.
    public init(catalog: EventCatalog = .engine) {
        self.catalog = catalog
    }

    /// The events of `text`, whose lines came from host `host`, in line order.
    public func events(in text: String, host: String) -> [RecordedEvent] {
        var events: [RecordedEvent] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            if let event = event(in: Substring(line), host: host) { events.append(event) }
        }
        return events
    }

    /// The event of one line, or nil when the line is not a trace line of a known shape.
    public func event(in line: Substring, host: String) -> RecordedEvent? {
        let head: (time: Int64, process: Int64, rest: Substring)?
        if let classic = Self.classicHead(line) { head = classic } else { head = Self.isoHead(line) }
        guard let head else { return nil }
        let name: Substring, message: Substring
        if let space = head.rest.firstIndex(of: " ") {
            name = head.rest[..<space]
            message = head.rest[head.rest.index(after: space)...]
        } else {
            name = head.rest
            message = ""
        }
        guard !name.isEmpty, name.allSatisfy({ $0 == "_" || $0.isLetter || $0.isNumber }) else { return nil }
        let fields = catalog.template(of: String(name))?.match(String(message)) ?? [:]
        return RecordedEvent(
            name: String(name), time: head.time, origin: EventOrigin(host: host, process: head.process),
            fields: fields, message: String(message))
    }

    /// `TID@SECONDS.MICROSECONDS:` and what follows it.
    static func classicHead(_ line: Substring) -> (time: Int64, process: Int64, rest: Substring)? {
        guard let at = line.firstIndex(of: "@"), let tid = Int64(line[..<at]),
            let colon = line[at...].firstIndex(of: ":")
        else { return nil }
        let stamp = line[line.index(after: at)..<colon]
        guard let dot = stamp.firstIndex(of: "."), let seconds = Int64(stamp[..<dot]),
            let micros = Int64(stamp[stamp.index(after: dot)...]), stamp[stamp.index(after: dot)...].count == 6
        else { return nil }
        return (seconds * 1_000_000_000 + micros * 1000, tid, line[line.index(after: colon)...])
    }

    /// `YYYY-MM-DDTHH:MM:SS.ffffffZ ` and what follows it.
    static func isoHead(_ line: Substring) -> (time: Int64, process: Int64, rest: Substring)? {
        guard let space = line.firstIndex(of: " ") else { return nil }
        let stamp = Array(line[..<space].utf8)
        // 2025-07-21T18:43:28.089797Z: fixed positions, then 1 to 9 fraction digits and Z.
        guard stamp.count >= 22, stamp.last == UInt8(ascii: "Z"), stamp[4] == UInt8(ascii: "-"),
            stamp[7] == UInt8(ascii: "-"), stamp[10] == UInt8(ascii: "T"), stamp[13] == UInt8(ascii: ":"),
            stamp[16] == UInt8(ascii: ":"), stamp[19] == UInt8(ascii: ".")
        else { return nil }
        func number(_ range: Range<Int>) -> Int64? {
            Int64(String(decoding: stamp[range], as: UTF8.self))
        }
        let fraction = stamp[20..<(stamp.count - 1)]
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
            let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
            fraction.count <= 9, let digits = number(20..<(stamp.count - 1))
        else { return nil }
        var nanos = digits
        for _ in fraction.count..<9 { nanos *= 10 }
        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = ((days * 24 + hour) * 60 + minute) * 60 + second
        return (seconds * 1_000_000_000 + nanos, 0, line[line.index(after: space)...])
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
