import Foundation
import PrintableText

/// Reads, parses and validates `trace-events` files: what every tool does first.
public enum TraceEventsLoader {
    /// A file that could not be read.
    public struct ReadError: Error, CustomStringConvertible {
        /// The path that could not be read.
        public var path: String
        /// Why.
        public var reason: String
        /// A one-line message for people.
        public var description: String { "\(PrintableText.escaped(path)): error: cannot read file: \(reason)" }
    }

    /// Loads one file: parse diagnostics first, then validation diagnostics (only for lines that parsed).
    public static func load(
        path: String, validator: TraceEventsValidator = TraceEventsValidator()
    ) throws -> (file: TraceEventsFile, diagnostics: [Diagnostic]) {
        try withContents(ofFileAt: path) { bytes in
            let (file, parseDiagnostics) = TraceEventsParser().parse(bytes: bytes, path: path)
            return (file, (parseDiagnostics + validator.validate(file)).sortedByLocation())
        }
    }

    /// Calls `body` with the bytes of the file at `path`, once they are known to be UTF-8.
    static func withContents<Result>(
        ofFileAt path: String, _ body: (UnsafeBufferPointer<UInt8>) throws -> Result
    ) throws -> Result {
        let data = try contents(ofFileAt: path)
        return try data.withUnsafeBufferPointer { bytes in
            guard UTF8Validation.isValid(bytes) else { throw ReadError(path: path, reason: "not valid UTF-8") }
            return try body(bytes)
        }
    }

    /// The bytes of a regular file, a FIFO or a socket (`/dev/stdin` on a pipe); other special files are
    /// refused with what they are, since reading a device could block or never end.
    static func contents(ofFileAt path: String) throws -> [UInt8] {
        var status = stat()
        guard stat(path, &status) == 0 else { throw ReadError(path: path, reason: reason(errno)) }
        switch status.st_mode & S_IFMT {
        case S_IFREG, S_IFIFO, S_IFSOCK: break
        case S_IFDIR: throw ReadError(path: path, reason: "is a directory")
        case S_IFCHR: throw ReadError(path: path, reason: "is not a regular file (a character device)")
        case S_IFBLK: throw ReadError(path: path, reason: "is not a regular file (a block device)")
        default: throw ReadError(path: path, reason: "is not a regular file")
        }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw ReadError(path: path, reason: reason(errno)) }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(max(status.st_size, 0)))
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count == 0 { return bytes }
            if count < 0 {
                if errno == EINTR { continue }
                throw ReadError(path: path, reason: reason(errno))
            }
            bytes += chunk[..<count]
        }
    }

    /// strerror's text in lower case, as compilers print it ("no such file or directory").
    private static func reason(_ code: Int32) -> String {
        let text = String(cString: strerror(code))
        return text.prefix(1).lowercased() + text.dropFirst()
    }

    /// Parses and validates text as if read from `path`.
    public static func load(
        text: String, path: String, validator: TraceEventsValidator = TraceEventsValidator()
    ) -> (file: TraceEventsFile, diagnostics: [Diagnostic]) {
        let (file, parseDiagnostics) = TraceEventsParser().parse(text, path: path)
        let diagnostics = parseDiagnostics + validator.validate(file)
        return (file, diagnostics.sortedByLocation())
    }
}
