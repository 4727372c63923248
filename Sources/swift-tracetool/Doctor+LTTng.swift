import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// doctor's run-time checks: what LTTng on this machine needs for the package's programs to be recorded.
extension Doctor {
    func checkLTTng(providers: [String], into report: inout DoctorReport) {
        guard let lttng = Self.executable("lttng") else {
            report.problem("the lttng command is missing, so nothing can be recorded", fix: "apt-get install lttng-tools")
            return
        }
        // Debian installs the headers under the multiarch directory.
        let headers = ["/usr/include/lttng/tracepoint.h", "/usr/include/x86_64-linux-gnu/lttng/tracepoint.h", "/usr/include/aarch64-linux-gnu/lttng/tracepoint.h"]
        if !headers.contains(where: { FileManager.default.fileExists(atPath: $0) }) {
            report.problem("liblttng-ust-dev is missing: `swift build --traits LTTng` stops with #error", fix: "apt-get install liblttng-ust-dev")
        }
        guard checkSessionDaemon(lttng: lttng, into: &report) else { return }
        checkChannels(lttng: lttng, into: &report)
        if !program.isEmpty { checkRegistration(lttng: lttng, providers: providers, into: &report) }
    }

    /// Whether a session daemon answers this user: what programs register with and `lttng` talks to. A
    /// process named lttng-sessiond is not enough (another user's, or one behind another mount namespace's
    /// /var/run/lttng, serves nobody here).
    private func checkSessionDaemon(lttng: URL, into report: inout DoctorReport) -> Bool {
        let listing = LTTngCommand.run(lttng, ["list"])
        if listing.status == 0 {
            report.ok("lttng-sessiond is running")
            return true
        }
        let why = listing.error.trimmingCharacters(in: .whitespacesAndNewlines)
        let elsewhere = Self.sessionDaemonProcessExists()
            ? " (an lttng-sessiond process exists, but not one this user and mount namespace reach)" : ""
        report.problem("no lttng-sessiond answers (`lttng list`: \(why.isEmpty ? "exit status \(listing.status)" : why))\(elsewhere): "
            + "programs register no provider and lttng cannot record",
            fix: "start it: lttng-sessiond --daemonize (as root, or as your user for a per-user daemon)")
        return false
    }

    /// Whether a process named lttng-sessiond exists.
    static func sessionDaemonProcessExists() -> Bool {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.contains { entry in
            guard entry.allSatisfy(\.isNumber), let comm = try? String(contentsOfFile: "/proc/\(entry)/comm", encoding: .utf8) else { return false }
            return comm.trimmingCharacters(in: .whitespacesAndNewlines) == "lttng-sessiond"
        }
    }

    /// Each user-space channel of each session: small discard-mode buffers drop events under load.
    private func checkChannels(lttng: URL, into report: inout DoctorReport) {
        let sessions = LTTngCommand.output(lttng, ["--mi", "xml", "list"])
            .flatMap { Self.xmlValues("name", in: Self.xmlElements("session", in: $0)) } ?? []
        if sessions.isEmpty {
            report.ok("no recording session yet (lttng create NAME; lttng enable-event -u 'PROVIDER:*'; lttng start)")
            return
        }
        for session in sessions {
            guard let xml = LTTngCommand.output(lttng, ["--mi", "xml", "list", session]) else { continue }
            for domain in Self.xmlElements("domain", in: xml) where Self.xmlValues("type", in: [domain]).first == "UST" {
                for channel in Self.xmlElements("channel", in: domain) {
                    check(channel: channel, session: session, into: &report)
                }
            }
        }
    }

    private func check(channel: String, session: String, into report: inout DoctorReport) {
        let name = Self.xmlValues("name", in: [channel]).first ?? "?"
        let size = Int(Self.xmlValues("subbuffer_size", in: [channel]).first ?? "") ?? 0
        let count = Int(Self.xmlValues("subbuffer_count", in: [channel]).first ?? "") ?? 0
        let mode = Self.xmlValues("overwrite_mode", in: [channel]).first ?? ""
        let discarded = Int(Self.xmlValues("discarded_events", in: [channel]).first ?? "") ?? 0
        let blocking = Self.xmlValues("blocking_timeout", in: [channel]).first ?? "0"
        let place = "session '\(session)', channel '\(name)'"
        let bigger = "lttng enable-channel -u -s \(session) --subbuf-size=4M --num-subbuf=8 \(name)"
        if discarded > 0 {
            report.problem("\(place) has discarded \(discarded) events",
                fix: "record again in a channel with bigger buffers (channels cannot be resized): \(bigger) in a new session")
        } else if mode == "DISCARD" && size * count < 4 << 20 && blocking == "0" {
            report.problem("\(place) has \(count) sub-buffers of \(size / 1024) KiB per CPU: bursts of events will be discarded",
                fix: "\(bigger) before enabling events (or --blocking-timeout=inf and LTTNG_UST_ALLOW_BLOCKING=1 so the program waits instead)")
        } else {
            report.ok("\(place): \(mode.lowercased()) mode, \(count) × \(size / 1024) KiB, nothing discarded")
        }
    }

    /// Runs the program while a session of doctor's own enables the providers' events, and reports each
    /// provider the program registered: seen by `lttng list -u` while it runs, or declared in the session's
    /// metadata (which keeps what a program registered after it exits, however soon).
    private func checkRegistration(lttng: URL, providers: [String], into report: inout DoctorReport) {
        guard !providers.isEmpty else {
            report.problem("no C target of the package applies TraceEventsPlugin, so \(program[0]) has no provider to register",
                fix: "run `swift-tracetool init --target NAME` to set one up")
            return
        }
        let probe: LTTngRegistrationProbe
        do { probe = try LTTngRegistrationProbe.start(lttng: lttng, providers: providers) } catch {
            report.problem("cannot create a recording session to watch \(program[0]): \(error)", fix: "check that lttng create works for this user")
            return
        }
        defer { probe.destroy() }
        let run: WatchedRun
        do { run = try watch(lttng: lttng, providers: providers) } catch {
            report.problem("cannot start \(program[0]): \(error)", fix: "pass the built program, e.g. -- .build/debug/NAME")
            return
        }
        let declared = probe.stopAndReadDeclaredProviders(among: providers)
        let how = run.stopped ? "still running; doctor stopped it" : "it exited with status \(run.status)"
        for provider in providers {
            if run.listed.contains(provider) || declared.contains(provider) {
                report.ok("\(program[0]) registered LTTng provider '\(provider)' (\(how))")
            } else {
                report.problem("\(program[0]) registered no LTTng provider '\(provider)' (\(how))",
                    fix: "build it with the trait: swift build --traits LTTng (a program built without it links no provider)")
            }
        }
    }

    /// What became of the program doctor ran.
    private struct WatchedRun {
        /// The providers `lttng list -u` showed for the program's process.
        var listed: Set<String>
        /// Whether doctor had to stop it.
        var stopped: Bool
        var status: Int32
    }

    /// Starts the program and polls `lttng list -u` for its process's providers until all are seen, it exits,
    /// or `wait` seconds pass; a program still running then is stopped.
    private func watch(lttng: URL, providers: [String]) throws -> WatchedRun {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program[0])
        process.arguments = Array(program.dropFirst())
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        var listed: Set<String> = []
        let deadline = Date().addingTimeInterval(wait)
        while process.isRunning, Date() < deadline, !providers.allSatisfy(listed.contains) {
            listed.formUnion(Self.providers(in: LTTngCommand.output(lttng, ["list", "-u"]) ?? "", pid: process.processIdentifier))
            if !providers.allSatisfy(listed.contains) { Thread.sleep(forTimeInterval: 0.1) }
        }
        let stopped = process.isRunning
        if stopped { Self.stop(process) }
        process.waitUntilExit()
        return WatchedRun(listed: listed, stopped: stopped, status: process.terminationStatus)
    }

    /// SIGTERM, then SIGKILL after a second: Foundation's Process starts children with most signals blocked,
    /// so SIGTERM alone may not end them.
    static func stop(_ process: Process) {
        kill(process.processIdentifier, SIGTERM)
        let grace = Date().addingTimeInterval(1)
        while process.isRunning, Date() < grace { Thread.sleep(forTimeInterval: 0.02) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    /// The providers of one process's tracepoints in `lttng list -u` output (`PID: N - Name: ...` sections of
    /// `PROVIDER:EVENT (loglevel: ...) (type: tracepoint)` lines).
    static func providers(in listing: String, pid: Int32) -> Set<String> {
        var result: Set<String> = []
        var inProcess = false
        for line in listing.split(separator: "\n") {
            if line.hasPrefix("PID: ") {
                inProcess = line.hasPrefix("PID: \(pid) ")
                continue
            }
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            guard inProcess, line.contains("(type: tracepoint)"), let colon = trimmed.firstIndex(of: ":") else { continue }
            result.insert(String(trimmed[..<colon]))
        }
        return result
    }

    static func executable(_ name: String) -> URL? {
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let url = URL(fileURLWithPath: String(directory)).appending(path: name)
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return nil
    }

    /// The texts of every `<tag>...</tag>` (lttng's MI output has no attributes on these).
    static func xmlElements(_ tag: String, in xml: String) -> [String] {
        var result: [String] = []
        var rest = xml[...]
        while let open = rest.range(of: "<\(tag)>"), let close = rest.range(of: "</\(tag)>", range: open.upperBound..<rest.endIndex) {
            result.append(String(rest[open.upperBound..<close.lowerBound]))
            rest = rest[close.upperBound...]
        }
        return result
    }

    /// The first `<tag>` value directly in each element (the session's own name, not its channels').
    static func xmlValues(_ tag: String, in elements: [String]) -> [String] {
        elements.compactMap { xmlElements(tag, in: $0).first }
    }
}
