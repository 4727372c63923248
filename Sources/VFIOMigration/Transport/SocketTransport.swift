#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A connected TCP or Unix stream socket. The descriptor is non-blocking; every read, write and connect waits in
/// `poll` for at most `timeout` seconds.
public final class SocketTransport: Transport {
    private var fd: Int32
    /// The longest any single wait may take, in seconds.
    public let timeout: Double
    /// The address this connection goes to or was accepted on.
    public let address: MigrationAddress
    /// The moment (monotonic seconds) after which no wait may continue; `nil` for none.
    public var deadline: Double?

    /// Bytes each direction's kernel buffer may hold: four of the engine's 1 MiB data blocks, so that each side
    /// keeps working while the other drains or fills the socket (the kernel caps it at `net.core.wmem_max` and
    /// `rmem_max`, 4 MiB on Debian). The default, about 208 KiB, made a quarter of the sends wait.
    public static let bufferSize: Int32 = 4 << 20

    init(fd: Int32, address: MigrationAddress, timeout: Double) {
        self.fd = fd
        self.address = address
        self.timeout = timeout
        var size = Self.bufferSize
        setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &size, socklen_t(MemoryLayout<Int32>.size))
        setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
    }

    deinit { close() }

    /// Sockets carry the destination's reply back.
    public var supportsReturnPath: Bool { true }

    /// Connects to a listening `address` (tcp or unix), waiting at most `timeout` seconds.
    public static func connect(to address: MigrationAddress, timeout: Double) throws -> SocketTransport {
        let fd: Int32
        switch address {
        case .tcp(let host, let port):
            fd = try SocketAddress.withResolved(host: host, port: port) { family, pointer, length in
                try connectSocket(family: family, address: pointer, length: length, timeout: timeout, to: address)
            }
        case .unix(let path):
            fd = try SocketAddress.withUnix(path: path) { pointer, length in
                try connectSocket(family: AF_UNIX, address: pointer, length: length, timeout: timeout, to: address)
            }
        case .file:
            throw MigrationError.invalidConfiguration("\(address) is a file, not a socket address")
        }
        trace_transport_connect(address.description)
        return SocketTransport(fd: fd, address: address, timeout: timeout)
    }

    private static func connectSocket(
        family: Int32, address: UnsafePointer<sockaddr>, length: socklen_t, timeout: Double, to target: MigrationAddress
    ) throws -> Int32 {
        let fd = socket(family, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw SocketAddress.systemError("socket", target) }
        do {
            try SocketAddress.makeNonBlocking(fd, target)
            if Glibc.connect(fd, address, length) != 0 {
                guard errno == EINPROGRESS else { throw SocketAddress.systemError("connect", target) }
                try SocketAddress.wait(fd: fd, events: Int16(POLLOUT), timeout: timeout, doing: "connecting to \(target)")
                var error: Int32 = 0
                var size = socklen_t(MemoryLayout<Int32>.size)
                getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &size)
                if error != 0 {
                    throw MigrationError.transportFailed("connect to \(target): \(String(cString: strerror(error)))")
                }
            }
            return fd
        } catch {
            Glibc.close(fd)
            throw error
        }
    }

    /// Sends all of `bytes`, failing if the peer is gone or stops reading for longer than the timeout.
    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        var offset = 0
        while offset < bytes.count {
            guard fd >= 0 else { throw MigrationError.transportFailed("write to \(address): connection closed") }
            let sent = send(fd, bytes.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
            if sent > 0 {
                offset += sent
            } else if sent < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) {
                try wait(for: Int16(POLLOUT), doing: "sending to \(address)")
            } else {
                throw SocketAddress.systemError("send", address)
            }
        }
    }

    /// Sends all bytes of `vectors` with `sendmsg`, straight from where they lie.
    public func write(gathering vectors: UnsafeMutableBufferPointer<iovec>) throws {
        var rest = vectors
        while rest.contains(where: { $0.iov_len > 0 }) {
            guard fd >= 0 else { throw MigrationError.transportFailed("write to \(address): connection closed") }
            var message = msghdr()
            message.msg_iov = rest.baseAddress
            message.msg_iovlen = rest.count
            let sent = sendmsg(fd, &message, Int32(MSG_NOSIGNAL))
            if sent > 0 {
                rest = IOVectorList.dropping(sent, from: rest)
            } else if sent < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) {
                try wait(for: Int16(POLLOUT), doing: "sending to \(address)")
            } else {
                throw SocketAddress.systemError("sendmsg", address)
            }
        }
    }

    /// Receives with `recvmsg` straight into `vectors`, up to the bytes they hold; 0 when the peer closed the
    /// connection.
    public func read(scattering vectors: UnsafeMutableBufferPointer<iovec>) throws -> Int {
        try receiving("recvmsg") { fd in
            var message = msghdr()
            message.msg_iov = vectors.baseAddress
            message.msg_iovlen = vectors.count
            return recvmsg(fd, &message, 0)
        }
    }

    /// Receives up to `buffer.count` bytes; 0 when the peer closed the connection.
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        try receiving("recv") { fd in recv(fd, buffer.baseAddress!, buffer.count, 0) }
    }

    /// Calls `receive` (the system call `call`) until it returns bytes or the end of the stream, waiting while
    /// the socket has nothing; a reset connection is the end of the stream too.
    private func receiving(_ call: String, _ receive: (Int32) -> Int) throws -> Int {
        while true {
            guard fd >= 0 else { throw MigrationError.transportFailed("read from \(address): connection closed") }
            let received = receive(fd)
            if received >= 0 { return received }
            if errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR {
                try wait(for: Int16(POLLIN), doing: "waiting for data from \(address)")
            } else if errno == ECONNRESET {
                return 0
            } else {
                throw SocketAddress.systemError(call, address)
            }
        }
    }

    /// Waits for `events` at most the timeout, and never past the deadline.
    private func wait(for events: Int16, doing what: String) throws {
        guard let deadline else {
            try SocketAddress.wait(fd: fd, events: events, timeout: timeout, doing: what)
            return
        }
        let remaining = deadline - SocketAddress.monotonicSeconds()
        guard remaining > 0 else { throw MigrationError.timedOut("\(what): the transfer's deadline passed") }
        if remaining >= timeout {
            try SocketAddress.wait(fd: fd, events: events, timeout: timeout, doing: what)
        } else {
            do {
                try SocketAddress.wait(fd: fd, events: events, timeout: remaining, doing: what)
            } catch MigrationError.timedOut {
                throw MigrationError.timedOut("\(what): the transfer's deadline passed")
            }
        }
    }

    /// Shuts the connection down in both directions; the peer sees the end of the stream at once.
    public func shutdown() {
        guard fd >= 0 else { return }
        _ = Glibc.shutdown(fd, Int32(SHUT_RDWR))
        trace_transport_shutdown(address.description)
    }

    /// Closes the descriptor.
    public func close() {
        guard fd >= 0 else { return }
        Glibc.close(fd)
        fd = -1
    }
}
