/// Where a migration goes or comes from, in QEMU's URI style: `tcp:HOST:PORT`, `unix:PATH` or `file:PATH`.
public enum MigrationAddress: Sendable, Hashable, CustomStringConvertible {
    /// A TCP endpoint; port 0 asks the listener for any free port.
    case tcp(host: String, port: UInt16)
    /// A Unix domain socket path.
    case unix(path: String)
    /// A file holding a saved stream.
    case file(path: String)

    /// Parses an address, throwing a message that shows the accepted forms.
    public init(parsing text: String) throws {
        let usage = "expected tcp:HOST:PORT, unix:PATH or file:PATH, got '\(text)'"
        guard let colon = text.firstIndex(of: ":") else { throw MigrationError.invalidConfiguration(usage) }
        let scheme = text[..<colon]
        let rest = String(text[text.index(after: colon)...])
        switch scheme {
        case "tcp":
            guard let portColon = rest.lastIndex(of: ":"),
                let port = UInt16(rest[rest.index(after: portColon)...])
            else { throw MigrationError.invalidConfiguration(usage) }
            var host = String(rest[..<portColon])
            if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
            self = .tcp(host: host.isEmpty ? "127.0.0.1" : host, port: port)
        case "unix":
            guard !rest.isEmpty else { throw MigrationError.invalidConfiguration(usage) }
            self = .unix(path: rest)
        case "file":
            guard !rest.isEmpty else { throw MigrationError.invalidConfiguration(usage) }
            self = .file(path: rest)
        default:
            throw MigrationError.invalidConfiguration(usage)
        }
    }

    /// The address in the form `init(parsing:)` reads.
    public var description: String {
        switch self {
        case .tcp(let host, let port): host.contains(":") ? "tcp:[\(host)]:\(port)" : "tcp:\(host):\(port)"
        case .unix(let path): "unix:\(path)"
        case .file(let path): "file:\(path)"
        }
    }
}
