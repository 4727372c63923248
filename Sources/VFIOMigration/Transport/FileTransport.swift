#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A migration stream saved to a file now and restored from it later. There is no return path: the source learns
/// nothing about the load.
public final class FileTransport: Transport {
    private var fd: Int32
    /// The file's path.
    public let path: String
    private let isWriting: Bool

    private init(fd: Int32, path: String, isWriting: Bool) {
        self.fd = fd
        self.path = path
        self.isWriting = isWriting
    }

    deinit { close() }

    /// Creates (or truncates) `path` for saving.
    public static func create(path: String) throws -> FileTransport {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw MigrationError.transportFailed("cannot create \(path): \(String(cString: strerror(errno)))")
        }
        return FileTransport(fd: fd, path: path, isWriting: true)
    }

    /// Opens `path` for restoring.
    public static func open(path: String) throws -> FileTransport {
        let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw MigrationError.transportFailed("cannot open \(path): \(String(cString: strerror(errno)))")
        }
        return FileTransport(fd: fd, path: path, isWriting: false)
    }

    private static func open(_ path: String, _ flags: Int32, _ mode: mode_t) -> Int32 {
        Glibc.open(path, flags, mode)
    }

    /// Files never answer.
    public var supportsReturnPath: Bool { false }

    /// Files are read at disk speed; no wait needs a deadline.
    public var deadline: Double? {
        get { nil }
        set {}
    }

    /// Appends `bytes` to the file.
    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        var offset = 0
        while offset < bytes.count {
            guard fd >= 0 else { throw MigrationError.transportFailed("write to \(path): file closed") }
            let written = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw MigrationError.transportFailed("write to \(path): \(String(cString: strerror(errno)))")
            }
            offset += written
        }
    }

    /// Reads up to `buffer.count` bytes; 0 at the end of the file.
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard fd >= 0 else { throw MigrationError.transportFailed("read from \(path): file closed") }
        while true {
            let count = Glibc.read(fd, buffer.baseAddress!, buffer.count)
            if count >= 0 { return count }
            if errno != EINTR {
                throw MigrationError.transportFailed("read from \(path): \(String(cString: strerror(errno)))")
            }
        }
    }

    /// A file cannot be shut down; the next call fails as if closed.
    public func shutdown() { close() }

    /// Closes the file, making sure what was written reached it (a file only read is just closed).
    public func close() {
        guard fd >= 0 else { return }
        if isWriting { fsync(fd) }
        Glibc.close(fd)
        fd = -1
    }
}
