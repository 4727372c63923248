#if canImport(Glibc)
import Glibc
#endif

/// Writes a report's output file whole, or says plainly why it cannot.
public enum ReportFile {
    /// Writes `text` to `path`, replacing it.
    public static func write(_ text: String, to path: String) throws {
        guard let file = fopen(path, "w") else {
            throw TraceRecording.LoadError(description: "cannot write \(path): \(String(cString: strerror(errno)))")
        }
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
        let closed = fclose(file)
        guard written == bytes.count, closed == 0 else {
            throw TraceRecording.LoadError(description: "cannot write \(path): \(String(cString: strerror(errno)))")
        }
    }
}
