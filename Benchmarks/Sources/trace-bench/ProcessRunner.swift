import Foundation

/// Runs helper programs (lttng, valgrind, swiftc, this program) with a bounded wait.
enum ProcessRunner {
    /// What a finished program left behind.
    struct Outcome {
        /// The exit status (or the terminating signal's number).
        var status: Int32
        /// Standard output.
        var output: String
        /// Standard error.
        var errorOutput: String
    }

    /// A program that could not run, failed or overran its time.
    struct Failure: Error, CustomStringConvertible {
        /// A one-line message for people.
        var description: String
    }

    /// Runs `executable` with `arguments` and waits at most `timeout` seconds; output goes through temporary
    /// files so a chatty program can never block on a full pipe.
    ///
    /// - Throws: ``Failure`` when it cannot start or does not finish in time (it is killed then).
    static func run(
        _ executable: String,
        _ arguments: [String],
        environment: [String: String]? = nil,
        timeout: Double
    ) throws -> Outcome {
        let directory = FileManager.default.temporaryDirectory
        let stdoutURL = directory.appendingPathComponent("trace-bench-\(UUID().uuidString).out")
        let stderrURL = directory.appendingPathComponent("trace-bench-\(UUID().uuidString).err")
        _ = FileManager.default.createFile(atPath: stdoutURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: stderrURL.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: stdoutURL)
            try? FileManager.default.removeItem(at: stderrURL)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: stdoutURL)
        process.standardError = try FileHandle(forWritingTo: stderrURL)
        do {
            try process.run()
        } catch {
            throw Failure(description: "cannot run \(executable): \(error.localizedDescription)")
        }
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline {
            usleep(5_000)
        }
        if process.isRunning {
            process.terminate()
            usleep(200_000)
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
            throw Failure(description: "\(executable) \(arguments.joined(separator: " ")) did not finish in \(Int(timeout)) s")
        }
        process.waitUntilExit()
        let output = (try? String(contentsOf: stdoutURL, encoding: .utf8)) ?? ""
        let errorOutput = (try? String(contentsOf: stderrURL, encoding: .utf8)) ?? ""
        return Outcome(status: process.terminationStatus, output: output, errorOutput: errorOutput)
    }

    /// Runs a program that must succeed, and returns its standard output.
    ///
    /// - Throws: ``Failure`` with its standard error when the exit status is not zero.
    @discardableResult
    static func check(_ executable: String, _ arguments: [String], timeout: Double = 30) throws -> String {
        let outcome = try run(executable, arguments, timeout: timeout)
        guard outcome.status == 0 else {
            let detail = (outcome.errorOutput + outcome.output).trimmingCharacters(in: .whitespacesAndNewlines)
            throw Failure(
                description: "\(executable) \(arguments.joined(separator: " ")) failed (\(outcome.status)): \(detail)")
        }
        return outcome.output
    }

    /// The full path of a program found in PATH, or nil.
    static func find(_ program: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(program)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}
