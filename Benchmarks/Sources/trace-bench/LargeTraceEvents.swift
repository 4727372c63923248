import Foundation

/// Large `trace-events` inputs for the linear-cost benchmark, written to a temporary directory: QEMU's files
/// repeated until a size is reached, each copy's events renamed (`_c1`, `_c2`, ...) so that every name is
/// unique and the file is as clean as QEMU's; and single lines of a given length.
enum LargeTraceEvents {
    /// QEMU's corpus (`../shared/qemu-trace-events`) repeated into a file of at least `bytes` bytes at `url`;
    /// returns the events written.
    static func writeRepeatedCorpus(bytes: Int, to url: URL) throws -> Int {
        let corpus = try SharedData.qemuTraceEventsFiles()
            .map { try String(contentsOf: $0, encoding: .utf8) }
            .joined()
        let lines = corpus.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        // A file that could not be created makes the FileHandle below throw, naming it.
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        var written = 0
        var events = 0
        var copy = 0
        while written < bytes {
            var text = ""
            for line in lines {
                // An event line's name stands right before its first '(': the copy's suffix goes there.
                if let open = line.firstIndex(of: "("), !line.drop(while: { $0 == " " }).hasPrefix("#") {
                    text += line[..<open] + "_c\(copy)" + line[open...] + "\n"
                    events += 1
                } else {
                    text += line + "\n"
                }
            }
            let data = Data(text.utf8)
            try handle.write(contentsOf: data)
            written += data.count
            copy += 1
        }
        return events
    }

    /// One event whose format is `body` repeated to about `bytes` bytes, at `url`: `big(int value) "BODY..."`.
    static func writeLongLine(repeating body: String, prefix: String = "", suffix: String = "", bytes: Int, to url: URL) throws {
        let count = max(bytes / body.utf8.count, 1)
        let line = "big(int value) \"" + prefix + String(repeating: body, count: count) + suffix + "\"\n"
        try line.write(to: url, atomically: false, encoding: .utf8)
    }
}
