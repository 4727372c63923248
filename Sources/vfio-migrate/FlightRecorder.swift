import ArgumentParser
import Foundation
import TraceEvents

/// `--flight-recorder DIR`: an LTTng snapshot-mode session (ring buffers that overwrite, nothing written) records
/// the `vfio_migration` events of the machine's programs of this one's name while the command runs; when the migration fails,
/// `lttng snapshot record` saves what the buffers hold (the last seconds) under DIR, and the error names it.
/// The session is destroyed when the command ends.
struct FlightRecorderOptions: ParsableArguments {
    @Option(
        name: .customLong("flight-recorder"),
        help: ArgumentHelp(
            "Keep an LTTng snapshot session; if the migration fails, save the last seconds of trace under DIR "
                + "(read it with 'vfio-migrate report DIR'). Needs lttng-tools, a session daemon, the LTTng build.",
            valueName: "DIR"))
    var directory: String?

    /// Runs `body` with the flight recorder on when asked for; a failure of `body` saves a snapshot first.
    func guarding<T>(command: String, _ body: () throws -> T) throws -> T {
        guard let directory else { return try body() }
        let recorder = try FlightRecorder(directory: directory, command: command)
        defer { recorder.stop() }
        do {
            return try body()
        } catch let exit as ExitCode {
            writeStderr("\(command): \(recorder.saveSnapshot())\n")
            throw exit
        } catch {
            throw FlightRecorder.Failure(underlying: error, note: recorder.saveSnapshot())
        }
    }
}

/// One snapshot-mode session.
struct FlightRecorder {
    /// The command's error, with where its trace went.
    struct Failure: Error, CustomStringConvertible {
        var underlying: any Error
        var note: String
        var description: String { "\(underlying); \(note)" }
    }

    let session: String
    let directory: String

    /// Creates and starts the session, or throws a plain error saying what is missing.
    init(directory: String, command: String) throws {
        guard LTTngHelp.linkedProviders.contains(where: { $0.isCompiledWithLTTng }) else {
            throw ValidationError("--flight-recorder: this \(command) was built without LTTng (swift build --traits LTTng)")
        }
        self.session = "vfio-migrate-flight-\(getpid())"
        self.directory = URL(fileURLWithPath: directory).standardizedFileURL.path
        let steps = [
            ["create", session, "--snapshot"],
            ["enable-channel", "-u", "-s", session, "--subbuf-size=1M", "--num-subbuf=4", "flight"],
            ["add-context", "-u", "-s", session, "-c", "flight", "-t", "vpid"],
            // Only programs of this one's name (the demo's child is one): other traced programs cannot push its
            // events out of the overwriting buffers.
            ["enable-event", "-u", "-s", session, "-c", "flight", "vfio_migration:*",
             "--filter", "$ctx.procname == \"\(Self.processName)\""],
            ["start", session],
        ]
        for (index, step) in steps.enumerated() {
            let result = Self.lttng(step)
            if result.status != 0 {
                if index > 0 { _ = Self.lttng(["destroy", session]) }
                throw ValidationError("--flight-recorder: lttng \(step.joined(separator: " ")) failed: \(result.output)")
            }
        }
    }

    /// This program's name as the kernel keeps it (`/proc/self/comm`, at most 15 bytes), which LTTng records as
    /// `procname`.
    static var processName: String {
        let comm = (try? String(contentsOfFile: "/proc/self/comm", encoding: .utf8)) ?? "vfio-migrate"
        return comm.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Saves the buffers under the directory; returns the sentence for the error message.
    func saveSnapshot() -> String {
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let result = Self.lttng(["snapshot", "record", "-s", session, "--name=failure", "file://\(directory)"])
        guard result.status == 0 else {
            return "flight recorder: lttng snapshot record failed: \(result.output)"
        }
        return "flight recorder: the last seconds of trace (this process is pid \(getpid())) are saved in \(directory) "
            + "(vfio-migrate report \(directory))"
    }

    /// Destroys the session.
    func stop() {
        _ = Self.lttng(["destroy", session])
    }

    /// Runs `lttng ARGUMENTS` for at most 30 s; returns its status and output.
    static func lttng(_ arguments: [String]) -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["lttng"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        do {
            try process.run()
        } catch {
            return (127, "cannot run lttng: \(error)")
        }
        let deadline = Date().addingTimeInterval(30)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            return (124, "lttng \(arguments.first ?? "") timed out")
        }
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        return (process.terminationStatus, output.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
