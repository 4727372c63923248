import Foundation

/// The project's shared test data, `../shared` beside the checkout.
enum SharedData {
    /// The checkout's root (the directory above `Benchmarks/`), found from this file's path.
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// `../shared` relative to the checkout.
    static let directory = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared")

    /// Every `trace-events` file of the QEMU corpus, sorted by path.
    ///
    /// - Throws: ``ProcessRunner/Failure`` saying `../shared` is missing when it is.
    static func qemuTraceEventsFiles() throws -> [URL] {
        let corpus = directory.appendingPathComponent("qemu-trace-events")
        guard FileManager.default.fileExists(atPath: corpus.path) else {
            throw ProcessRunner.Failure(description: "\(corpus.path) is missing: the benchmarks need ../shared "
                + "(the project's shared test data) beside the checkout")
        }
        let walker = FileManager.default.enumerator(at: corpus, includingPropertiesForKeys: nil)
        var files: [URL] = []
        while let url = walker?.nextObject() as? URL {
            if url.lastPathComponent == "trace-events" { files.append(url) }
        }
        return files.sorted { $0.path < $1.path }
    }

    /// A file's path relative to the corpus root, e.g. `hw/vfio/trace-events`.
    static func corpusRelativePath(_ url: URL) -> String {
        let root = directory.appendingPathComponent("qemu-trace-events").path + "/"
        return url.path.hasPrefix(root) ? String(url.path.dropFirst(root.count)) : url.lastPathComponent
    }
}
