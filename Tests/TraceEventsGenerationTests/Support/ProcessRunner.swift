import Foundation

/// Runs a program to completion with a time limit, capturing its output through files (pipes could fill
/// up and block a chatty compiler).
enum ProcessRunner {
    /// What a finished program left.
    struct Result {
        var status: Int32
        var output: String
        var error: String
        var timedOut: Bool
        /// Output and error together, for failure messages.
        var combined: String { output + error }
    }

    /// Runs `executable` with `arguments`; kills it after `timeout` seconds.
    static func run(
        _ executable: URL,
        _ arguments: [String],
        in directory: URL? = nil,
        environment: [String: String]? = nil,
        timeout: TimeInterval
    ) throws -> Result {
        let scratch = try TestPaths.temporaryDirectory("process")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appending(path: "out"), errURL = scratch.appending(path: "err")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        if let environment { process.environment = environment }
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        let done = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in done.signal() }
        try process.run()
        var timedOut = false
        if done.wait(timeout: .now() + timeout) == .timedOut {
            timedOut = true
            process.terminate()
            if done.wait(timeout: .now() + 5) == .timedOut { kill(process.processIdentifier, SIGKILL); done.wait() }
        }
        try out.close()
        try err.close()
        return Result(
            status: process.terminationStatus,
            output: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
            error: String(decoding: try Data(contentsOf: errURL), as: UTF8.self),
            timedOut: timedOut
        )
    }

    /// Runs a program found on PATH.
    static func run(tool: String, _ arguments: [String], in directory: URL? = nil, timeout: TimeInterval) throws -> Result {
        guard let url = TestPaths.executable(tool) else { throw TestFailure("'\(tool)' is not on PATH") }
        return try run(url, arguments, in: directory, timeout: timeout)
    }
}
