/// Whether a destination's listening address, as `transport_accept` traced it, can be where a source's
/// `transport_connect` address leads.
enum ListeningAddress {
    /// True when either side is unknown (the recording left the event out, or a file transport has neither), when
    /// both are the same, or when both are TCP on the same port: the hosts may differ in spelling (a listener on
    /// `0.0.0.0` or a host name accepts `tcp:10.0.0.2:4444`), the port does not.
    static func couldAccept(_ listening: String?, _ connected: String?) -> Bool {
        guard let listening, let connected, listening != connected else { return true }
        guard let listener = tcpPort(listening), let target = tcpPort(connected) else { return false }
        return listener == target
    }

    /// The port of `tcp:HOST:PORT`.
    private static func tcpPort(_ address: String) -> Substring? {
        guard address.hasPrefix("tcp:"), let colon = address.lastIndex(of: ":") else { return nil }
        return address[address.index(after: colon)...]
    }
}
