#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A listening TCP or Unix socket for the incoming side; `accept` waits at most the given timeout.
public final class SocketListener {
    private var fd: Int32
    /// The address actually bound (a TCP port 0 replaced by the port the system chose).
    public let boundAddress: MigrationAddress

    /// Binds and listens on `address` (tcp or unix). A stale Unix socket file at the path is replaced.
    public init(address: MigrationAddress) throws {
        switch address {
        case .tcp(let host, let port):
            var chosen: UInt16 = port
            fd = try SocketAddress.withResolved(host: host, port: port) { family, pointer, length in
                let fd = try Self.bindSocket(family: family, address: pointer, length: length, at: address)
                var storage = sockaddr_storage()
                var size = socklen_t(MemoryLayout<sockaddr_storage>.size)
                withUnsafeMutablePointer(to: &storage) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { _ = getsockname(fd, $0, &size) }
                }
                chosen = withUnsafePointer(to: &storage) {
                    $0.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { UInt16(bigEndian: $0.pointee.sin_port) }
                }
                return fd
            }
            boundAddress = .tcp(host: host, port: chosen)
        case .unix(let path):
            unlink(path)
            fd = try SocketAddress.withUnix(path: path) { pointer, length in
                try Self.bindSocket(family: AF_UNIX, address: pointer, length: length, at: address)
            }
            boundAddress = address
        case .file:
            throw MigrationError.invalidConfiguration("\(address) is a file, not a socket address")
        }
    }

    deinit { close() }

    private static func bindSocket(
        family: Int32, address: UnsafePointer<sockaddr>, length: socklen_t, at target: MigrationAddress
    ) throws -> Int32 {
        let fd = socket(family, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw SocketAddress.systemError("socket", target) }
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        guard bind(fd, address, length) == 0, listen(fd, 4) == 0 else {
            let error = SocketAddress.systemError("bind/listen", target)
            Glibc.close(fd)
            throw error
        }
        do {
            try SocketAddress.makeNonBlocking(fd, target)
        } catch {
            Glibc.close(fd)
            throw error
        }
        return fd
    }

    /// Accepts one connection, waiting at most `timeout` seconds; the connection's waits use `ioTimeout`.
    public func accept(timeout: Double, ioTimeout: Double) throws -> SocketTransport {
        while true {
            guard fd >= 0 else { throw MigrationError.transportFailed("listener on \(boundAddress) is closed") }
            let connection = Glibc.accept(fd, nil, nil)
            if connection >= 0 {
                try SocketAddress.makeNonBlocking(connection, boundAddress)
                trace_transport_accept(boundAddress.description)
                return SocketTransport(fd: connection, address: boundAddress, timeout: ioTimeout)
            }
            guard errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR else {
                throw SocketAddress.systemError("accept", boundAddress)
            }
            try SocketAddress.wait(
                fd: fd, events: Int16(POLLIN), timeout: timeout, doing: "waiting for a connection on \(boundAddress)")
        }
    }

    /// Stops listening; a Unix socket's file is removed.
    public func close() {
        guard fd >= 0 else { return }
        Glibc.close(fd)
        fd = -1
        if case .unix(let path) = boundAddress { unlink(path) }
    }
}
