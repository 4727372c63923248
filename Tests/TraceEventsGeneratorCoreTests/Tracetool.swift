import Foundation

/// Runs the built `swift-tracetool` as a subprocess, the way users and the build plugin run it.
enum Tracetool {
    /// What a run printed and how it ended.
    struct Result {
        var status: Int32
        var standardOutput: String
        var standardError: String
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The executable, built by `swift build`/`swift test` beside the test bundle.
    static func executable() throws -> URL {
        let testBinary = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var directory = testBinary.deletingLastPathComponent()
        // On Linux the tests run from `.build/<triple>/debug/<package>PackageTests.xctest`; step out of a bundle if any.
        while directory.pathExtension == "xctest" || directory.lastPathComponent == "Contents"
            || directory.lastPathComponent == "MacOS"
        {
            directory.deleteLastPathComponent()
        }
        let candidate = directory.appendingPathComponent("swift-tracetool")
        guard FileManager.default.isExecutableFile(atPath: candidate.path) else {
            throw Failure(description: "swift-tracetool is not built at \(candidate.path); run 'swift build' first")
        }
        return candidate
    }

    /// Runs the tool with `arguments` in `directory`, killing it if it takes longer than `timeout` seconds.
    static func run(_ arguments: [String], in directory: URL? = nil, timeout: TimeInterval = 30) throws -> Result {
        let process = Process()
        process.executableURL = try executable()
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        // Files, not pipes: a large listing would fill a pipe and block the child while we wait for it.
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("tracetool-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("out"), errURL = scratch.appendingPathComponent("err")
        guard FileManager.default.createFile(atPath: outURL.path, contents: nil),
            FileManager.default.createFile(atPath: errURL.path, contents: nil)
        else { throw Failure(description: "cannot create output files in \(scratch.path)") }
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            throw Failure(description: "swift-tracetool \(arguments.joined(separator: " ")) did not finish in \(timeout)s")
        }
        process.waitUntilExit()
        try out.close()
        try err.close()
        return Result(
            status: process.terminationStatus,
            standardOutput: try String(contentsOf: outURL, encoding: .utf8),
            standardError: try String(contentsOf: errURL, encoding: .utf8))
    }
}
