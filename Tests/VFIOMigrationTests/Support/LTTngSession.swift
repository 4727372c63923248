// Adapted from Tests/TraceEventsGenerationTests/Support/LTTngSession.swift (see ProcessRunner.swift for why it is
// a copy): this one also records the vpid context, to tell the demo's two processes apart.
import Foundation

/// Drives `lttng` for the end-to-end tests: one uniquely named session per test, always destroyed.
struct LTTngSession {
    let name: String
    let output: URL

    /// Starts a session daemon when none runs (`lttng-sessiond --daemonize` returns once it is ready).
    static func ensureSessionDaemon() throws {
        let running = try ProcessRunner.run(tool: "pgrep", ["-x", "lttng-sessiond"], timeout: 10)
        if running.status == 0 { return }
        let started = try ProcessRunner.run(tool: "lttng-sessiond", ["--daemonize"], timeout: 30)
        guard started.status == 0 else { throw TestFailure("lttng-sessiond --daemonize failed: \(started.combined)") }
    }

    /// Creates the session and enables every event of `provider` in a channel sized not to discard.
    static func start(provider: String) throws -> LTTngSession {
        try ensureSessionDaemon()
        let name = "ste-test-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))"
        let output = try TestPaths.temporaryDirectory("lttng-trace")
        let session = LTTngSession(name: name, output: output)
        try session.lttng(["create", name, "--output=\(output.path)"])
        do {
            try session.lttng(["enable-channel", "-u", "-s", name, "--subbuf-size=4M", "--num-subbuf=8", "ste"])
            try session.lttng(["add-context", "-u", "-s", name, "-c", "ste", "-t", "vpid"])
            try session.lttng(["enable-event", "-u", "-s", name, "-c", "ste", "\(provider):*"])
            try session.lttng(["start", name])
        } catch {
            session.destroy()
            throw error
        }
        return session
    }

    func lttng(_ arguments: [String]) throws {
        let result = try ProcessRunner.run(tool: "lttng", arguments, timeout: 60)
        guard result.status == 0, !result.timedOut else {
            throw TestFailure("lttng \(arguments.joined(separator: " ")) failed (\(result.status)): \(result.combined)")
        }
    }

    /// Stops the session and returns the trace as babeltrace2 prints it.
    func stopAndRead() throws -> String {
        try lttng(["stop", name])
        let result = try ProcessRunner.run(tool: "babeltrace2", [output.path], timeout: 60)
        guard result.status == 0 else { throw TestFailure("babeltrace2 failed: \(result.combined)") }
        return result.output
    }

    /// Destroys the session and removes the trace.
    func destroy() {
        _ = try? ProcessRunner.run(tool: "lttng", ["destroy", name], timeout: 60)
        try? FileManager.default.removeItem(at: output)
    }
}
