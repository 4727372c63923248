#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a set of files all or nothing.
///
/// Every new content first goes to a temporary file beside its target (same directory, so `rename(2)`
/// is atomic), with the target's mode; only when all of them are written and synced are they renamed
/// over their targets, in order. If a rename fails, the files already replaced get their original
/// contents back the same way, so a failure part-way leaves every file as it was.
public enum AtomicFileWriter {
    /// A write that failed; nothing was changed (unless ``restoreFailures`` says otherwise).
    public struct WriteError: Error, CustomStringConvertible {
        /// The file that could not be written.
        public var path: String
        /// Why, as the system said it.
        public var reason: String
        /// Files whose original contents could not be put back (empty unless something else went wrong too).
        public var restoreFailures: [String]

        /// A one-line message for people.
        public var description: String {
            var text = "\(path): error: cannot write file: \(reason); no file was changed"
            if !restoreFailures.isEmpty {
                text = "\(path): error: cannot write file: \(reason); these files could NOT be restored: "
                    + restoreFailures.joined(separator: ", ")
            }
            return text
        }
    }

    /// Writes every update whose contents differ from the original, all or nothing.
    public static func apply(_ updates: [FileUpdate]) throws {
        // A symbolic link is followed, so that the file it names is replaced rather than the link.
        var seen: Set<String> = []
        let changed = updates.filter { $0.original != $0.updated }.map { update in
            var resolved = update
            if let real = realpath(update.path, nil) {
                resolved.path = String(cString: real)
                free(real)
            }
            return resolved
        }.filter { seen.insert($0.path).inserted }
        var prepared: [(update: FileUpdate, temporary: String)] = []
        for update in changed {
            do {
                prepared.append((update, try writeTemporary(update.updated, beside: update.path)))
            } catch let error as WriteError {
                for item in prepared { unlink(item.temporary) }
                throw error
            }
        }
        for (offset, item) in prepared.enumerated() {
            guard rename(item.temporary, item.update.path) == 0 else {
                let reason = errorText()
                for later in prepared[offset...] { unlink(later.temporary) }
                var failures: [String] = []
                for earlier in prepared[..<offset].reversed() {
                    do {
                        let temporary = try writeTemporary(earlier.update.original, beside: earlier.update.path)
                        if rename(temporary, earlier.update.path) != 0 {
                            unlink(temporary)
                            failures.append(earlier.update.path)
                        }
                    } catch {
                        failures.append(earlier.update.path)
                    }
                }
                throw WriteError(path: item.update.path, reason: reason, restoreFailures: failures)
            }
        }
    }

    /// Writes `bytes` to a new file in `path`'s directory, with `path`'s mode, and returns its path.
    private static func writeTemporary(_ bytes: [UInt8], beside path: String) throws -> String {
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[...$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        var status = stat()
        let mode: mode_t = stat(path, &status) == 0 ? status.st_mode & 0o7777 : 0o644
        var descriptor: Int32 = -1
        var temporary = ""
        for _ in 0..<100 {
            let suffix = String(UInt32.random(in: 0...UInt32.max), radix: 36)
            temporary = "\(directory).\(name).tracetool-\(getpid())-\(suffix)"
            descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
            if descriptor >= 0 || errno != EEXIST { break }
        }
        guard descriptor >= 0 else { throw WriteError(path: path, reason: errorText(), restoreFailures: []) }
        var failure: String?
        if fchmod(descriptor, mode) != 0 { failure = errorText() }
        var written = 0
        while failure == nil && written < bytes.count {
            let result = bytes[written...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if result < 0 {
                if errno == EINTR { continue }
                failure = errorText()
            } else {
                written += result
            }
        }
        if failure == nil && fsync(descriptor) != 0 { failure = errorText() }
        if close(descriptor) != 0 && failure == nil { failure = errorText() }
        if let failure {
            unlink(temporary)
            throw WriteError(path: path, reason: failure, restoreFailures: [])
        }
        return temporary
    }

    private static func errorText() -> String { String(cString: strerror(errno)) }
}
