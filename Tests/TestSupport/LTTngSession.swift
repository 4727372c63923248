import Foundation

/// Drives `lttng` for the end-to-end tests: one uniquely named session per test, always destroyed.
public struct LTTngSession {
    /// The session's unique name.
    public let name: String
    /// Where the trace is written.
    public let output: URL

    /// Starts a session daemon when none runs (`lttng-sessiond --daemonize` returns once it is ready).
    public static func ensureSessionDaemon() throws {
        let running = try ProcessRunner.run(tool: "pgrep", ["-x", "lttng-sessiond"], timeout: 10)
        if running.status == 0 { return }
        let started = try ProcessRunner.run(tool: "lttng-sessiond", ["--daemonize"], timeout: 30)
        guard started.status == 0 else { throw TestFailure("lttng-sessiond --daemonize failed: \(started.combined)") }
    }

    /// Creates the session and enables every event of `provider` in a channel sized not to discard, recording
    /// the given contexts (`vpid`, ...) with each event.
    public static func start(
        provider: String, subbufferSize: String = "1M", subbufferCount: Int = 4, contexts: [String] = []
    ) throws -> LTTngSession {
        try ensureSessionDaemon()
        let name = "ste-test-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))"
        let output = try TestPaths.temporaryDirectory("lttng-trace")
        let session = LTTngSession(name: name, output: output)
        try session.lttng(["create", name, "--output=\(output.path)"])
        do {
            try session.lttng([
                "enable-channel", "-u", "-s", name, "--subbuf-size=\(subbufferSize)", "--num-subbuf=\(subbufferCount)", "ste",
            ])
            for context in contexts { try session.lttng(["add-context", "-u", "-s", name, "-c", "ste", "-t", context]) }
            try session.lttng(["enable-event", "-u", "-s", name, "-c", "ste", "\(provider):*"])
            try session.lttng(["start", name])
        } catch {
            session.destroy()
            throw error
        }
        return session
    }

    /// Runs `lttng` with `arguments`, throwing its output when it fails.
    public func lttng(_ arguments: [String]) throws {
        let result = try ProcessRunner.run(tool: "lttng", arguments, timeout: 60)
        guard result.status == 0, !result.timedOut else {
            throw TestFailure("lttng \(arguments.joined(separator: " ")) failed (\(result.status)): \(result.combined)")
        }
    }

    /// Stops the session and returns the trace as babeltrace2 prints it.
    public func stopAndRead() throws -> String {
        try lttng(["stop", name])
        let result = try ProcessRunner.run(tool: "babeltrace2", [output.path], timeout: 60)
        guard result.status == 0 else { throw TestFailure("babeltrace2 failed: \(result.combined)") }
        return result.output
    }

    /// Destroys the session and removes the trace.
    public func destroy() {
        _ = try? ProcessRunner.run(tool: "lttng", ["destroy", name], timeout: 60)
        try? FileManager.default.removeItem(at: output)
    }

    /// `provider:event` names that `lttng list -u` shows for one process.
    public static func tracepoints(in listing: String, pid: Int32) -> Set<String> {
        var result: Set<String> = []
        var inProcess = false
        for line in listing.split(separator: "\n") {
            if line.hasPrefix("PID: ") {
                inProcess = line.hasPrefix("PID: \(pid) ")
                continue
            }
            guard inProcess, line.contains("(type: tracepoint)") else { continue }
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            if let end = trimmed.firstIndex(of: " ") { result.insert(String(trimmed[..<end])) }
        }
        return result
    }
}
