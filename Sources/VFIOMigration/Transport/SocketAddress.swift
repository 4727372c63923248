#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The C socket plumbing shared by `SocketTransport` and `SocketListener`: address construction, non-blocking
/// mode, bounded waits and errno messages.
enum SocketAddress {
    /// Calls `body` with the first address `host` resolves to.
    static func withResolved<T>(
        host: String, port: UInt16, _ body: (Int32, UnsafePointer<sockaddr>, socklen_t) throws -> T
    ) throws -> T {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_family = AF_UNSPEC
        var result: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &result)
        guard status == 0, let first = result else {
            throw MigrationError.transportFailed("cannot resolve host '\(host)': \(String(cString: gai_strerror(status)))")
        }
        defer { freeaddrinfo(result) }
        return try body(first.pointee.ai_family, first.pointee.ai_addr, first.pointee.ai_addrlen)
    }

    /// Calls `body` with a `sockaddr_un` for `path`.
    static func withUnix<T>(path: String, _ body: (UnsafePointer<sockaddr>, socklen_t) throws -> T) throws -> T {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard bytes.count < capacity else {
            throw MigrationError.invalidConfiguration("unix socket path is longer than \(capacity - 1) bytes: \(path)")
        }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        return try withUnsafePointer(to: &address) { pointer in
            try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                try body($0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
    }

    /// Sets `O_NONBLOCK` on `fd`.
    static func makeNonBlocking(_ fd: Int32, _ address: MigrationAddress) throws {
        let flags = fcntl(fd, F_GETFL)
        guard flags >= 0, fcntl(fd, F_SETFL, flags | O_NONBLOCK) == 0 else {
            throw systemError("fcntl", address)
        }
    }

    /// Waits until `fd` is ready for `events`, at most `timeout` seconds.
    static func wait(fd: Int32, events: Int16, timeout: Double, doing what: String) throws {
        var descriptor = pollfd(fd: fd, events: events, revents: 0)
        let deadline = monotonicSeconds() + timeout
        while true {
            let remaining = deadline - monotonicSeconds()
            guard remaining > 0 else { throw MigrationError.timedOut("\(what) (after \(timeout) s)") }
            let ready = poll(&descriptor, 1, Int32(min(remaining * 1000, Double(Int32.max)).rounded(.up)))
            if ready > 0 { return }
            if ready < 0 && errno != EINTR {
                throw MigrationError.transportFailed("poll while \(what): \(String(cString: strerror(errno)))")
            }
        }
    }

    /// An error naming the failed call, the address and `errno`.
    static func systemError(_ call: String, _ address: MigrationAddress) -> MigrationError {
        .transportFailed("\(call) on \(address): \(String(cString: strerror(errno)))")
    }

    /// Seconds on the monotonic clock.
    static func monotonicSeconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }
}
