#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading patterns from the places users write them.
public enum TracePatternSource {
    /// Splits a comma-separated list, as in `TRACE_EVENTS="vfio_*,-vfio_save_buffer"`.
    ///
    /// Whitespace around entries is ignored and empty entries (a trailing comma) are skipped.
    public static func patterns(inList list: String, origin: String?) -> [TracePatternLine] {
        list.split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingASCIIWhitespace() }
            .filter { !$0.isEmpty }
            .map { TracePatternLine($0, origin: origin) }
    }

    /// Parses the contents of an events file (QEMU's `-trace events=FILE`): one pattern per line, blank lines
    /// skipped, `#` starting a comment (a whole line, or the rest of a line: `#` can appear in no pattern).
    /// Each pattern's origin is `path:LINE`.
    public static func patterns(inFileContents contents: String, path: String) -> [TracePatternLine] {
        var result: [TracePatternLine] = []
        var lineNumber = 0
        for line in contents.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let withoutComment = line.firstIndex(of: "#").map { line[..<$0] } ?? line[...]
            let text = withoutComment.trimmingASCIIWhitespace()
            if !text.isEmpty {
                result.append(TracePatternLine(text, origin: "\(path):\(lineNumber)"))
            }
        }
        return result
    }

    /// Parses one trace option of a command line in QEMU's `-trace` syntax: comma-separated entries, each a
    /// pattern, `enable=PATTERN`, `events=FILE` (patterns read from the file, in place), `file=FILE` (the simple
    /// backend's output file, which ``TraceEvents/bootstrap(_:)`` takes; not a pattern), or `help`.
    public static func patterns(inTraceOption option: String, origin: String = "--trace")
        -> (patterns: [TracePatternLine], diagnostics: [TraceDiagnostic])
    {
        let parsed = parse(traceOption: option, origin: origin)
        return (parsed.patterns, parsed.diagnostics)
    }

    /// A trace option's patterns, diagnostics and last `file=` value.
    static func parse(traceOption option: String, origin: String)
        -> (patterns: [TracePatternLine], diagnostics: [TraceDiagnostic], file: String?)
    {
        var lines: [TracePatternLine] = []
        var diagnostics: [TraceDiagnostic] = []
        var file: String?
        for entry in patterns(inList: option, origin: origin) {
            if let path = entry.text.valueAfter("events=") {
                switch patterns(inFile: path) {
                case .success(let fromFile): lines += fromFile
                case .failure(let diagnostic): diagnostics.append(diagnostic)
                }
            } else if let pattern = entry.text.valueAfter("enable=") {
                lines.append(TracePatternLine(pattern, origin: origin))
            } else if let path = entry.text.valueAfter("file=") {
                if path.isEmpty {
                    diagnostics.append(TraceDiagnostic(.error, "'file=' needs a file name", origin: origin))
                } else {
                    file = path
                }
            } else {
                lines.append(entry)
            }
        }
        return (lines, diagnostics, file)
    }

    /// Reads and parses an events file; an unreadable file is an error diagnostic, not a crash.
    public static func patterns(inFile path: String) -> Result<[TracePatternLine], TraceDiagnostic> {
        switch readFile(path) {
        case .success(let bytes):
            return .success(patterns(inFileContents: String(decoding: bytes, as: UTF8.self), path: path))
        case .failure(let error):
            return .failure(TraceDiagnostic(.error, "cannot read events file: \(error.message)", origin: path))
        }
    }

    private struct ReadError: Error {
        var message: String
    }

    /// The file's bytes, read with plain open/read so the runtime needs no Foundation.
    private static func readFile(_ path: String) -> Result<[UInt8], ReadError> {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return .failure(ReadError(message: String(cString: strerror(errno)))) }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16_384)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count == 0 { return .success(bytes) }
            if count < 0 {
                if errno == EINTR { continue }
                return .failure(ReadError(message: String(cString: strerror(errno))))
            }
            bytes.append(contentsOf: chunk[..<count])
            if bytes.count > 16 << 20 {
                return .failure(ReadError(message: "larger than 16 MiB, which no list of patterns is"))
            }
        }
    }
}

extension String {
    /// The rest of the string after `prefix`, or nil when it does not start with it.
    fileprivate func valueAfter(_ prefix: String) -> String? {
        hasPrefix(prefix) ? String(dropFirst(prefix.count)) : nil
    }
}
