import Foundation

/// A private LTTng recording session: unique name, output in a temporary directory, destroyed afterwards.
///
/// Channels are in discard mode (LTTng's default) so a ring buffer that fills shows up as discarded events,
/// which the table reports next to every LTTng figure: an event that was dropped costs less than one that was
/// written, so a figure with many discards would flatter whichever side dropped them.
final class LTTngSession {
    /// One channel and the event rules recorded into it.
    struct Channel {
        /// The channel's name.
        var name: String
        /// Event rules, e.g. `ste_bench_c:bench_str2`.
        var events: [String]
    }

    /// The session's unique name.
    let name: String
    /// Where the trace is written.
    let outputDirectory: String
    private let lttng: String
    private var destroyed = false

    /// Creates the session, its channels and event rules, and starts recording.
    ///
    /// - Parameters:
    ///   - channels: the channels to create.
    ///   - subbufferBytes: size of one sub-buffer; with `subbufferCount` it sets the per-CPU ring buffer.
    /// - Throws: ``ProcessRunner/Failure`` when lttng is missing or refuses.
    init(channels: [Channel], subbufferBytes: Int = 4 << 20, subbufferCount: Int = 16) throws {
        guard let lttng = ProcessRunner.find("lttng") else {
            throw ProcessRunner.Failure(description: "lttng is not installed (apt-get install lttng-tools)")
        }
        self.lttng = lttng
        name = "ste-bench-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        // tmpfs keeps the consumer daemon's writes off the disk the other engineers are building on.
        let base = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
        outputDirectory = "\(base)/\(name)"
        try ProcessRunner.check(lttng, ["create", name, "--output=\(outputDirectory)"])
        do {
            for channel in channels {
                try ProcessRunner.check(lttng, [
                    "enable-channel", "--userspace", "--session=\(name)",
                    "--subbuf-size=\(subbufferBytes)", "--num-subbuf=\(subbufferCount)", channel.name,
                ])
                try ProcessRunner.check(lttng, [
                    "enable-event", "--userspace", "--session=\(name)", "--channel=\(channel.name)",
                    channel.events.joined(separator: ","),
                ])
            }
            try ProcessRunner.check(lttng, ["start", name])
        } catch {
            destroy()
            throw error
        }
    }

    /// Stops recording and returns each channel's discarded-event count, as `lttng list` reports it.
    func stopAndCountDiscarded() throws -> [String: Int] {
        try ProcessRunner.check(lttng, ["stop", name])
        // The session daemon refreshes channel statistics on its monitor timer (1 s by default).
        usleep(1_200_000)
        return Self.discardedEvents(inListing: try ProcessRunner.check(lttng, ["list", name]))
    }

    /// Parses `lttng list SESSION`: every `- CHANNEL: [enabled]` line followed, a few lines later, by
    /// `Discarded events: N` under its statistics.
    static func discardedEvents(inListing listing: String) -> [String: Int] {
        var counts: [String: Int] = [:]
        var channel: String?
        for line in listing.split(separator: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("- "), let colon = trimmed.firstIndex(of: ":") {
                channel = String(trimmed[trimmed.index(trimmed.startIndex, offsetBy: 2)..<colon])
            } else if trimmed.hasPrefix("Discarded events:"), let current = channel {
                let number = trimmed.dropFirst("Discarded events:".count).trimmingCharacters(in: .whitespaces)
                counts[current, default: 0] += Int(number) ?? 0
            }
        }
        return counts
    }

    /// Destroys the session and deletes its trace. Safe to call twice.
    func destroy() {
        guard !destroyed else { return }
        destroyed = true
        _ = try? ProcessRunner.run(lttng, ["destroy", name], timeout: 30)
        try? FileManager.default.removeItem(atPath: outputDirectory)
    }

    deinit { destroy() }

    /// Makes sure a session daemon runs; returns true when this call started it.
    ///
    /// An application registers with the daemon from its constructors, before `main`: a daemon started later
    /// is seen only after LTTng-UST's retry delay, so the caller re-executes itself when this returns true.
    static func ensureSessionDaemon() throws -> Bool {
        guard let lttng = ProcessRunner.find("lttng") else {
            throw ProcessRunner.Failure(description: "lttng is not installed (apt-get install lttng-tools)")
        }
        if try ProcessRunner.run(lttng, ["list"], timeout: 30).status == 0 { return false }
        guard let daemon = ProcessRunner.find("lttng-sessiond") else {
            throw ProcessRunner.Failure(description: "lttng-sessiond is not installed (apt-get install lttng-tools)")
        }
        try ProcessRunner.check(daemon, ["--daemonize"], timeout: 60)
        return true
    }
}
