import Foundation

/// A throw-away recording session, named after doctor's process, that enables every event of the providers
/// doctor looks for. When a program registers a provider, the session daemon writes the provider's event
/// declarations into the session's metadata, and they stay there after the program exits: so registration
/// is checked for a program that ends before `lttng list -u` could see it.
///
/// `lttng create` makes the new session the user's current one (in `.lttngrc`); the probe puts the file back
/// as it was, so the user's own `lttng start` still means their session.
struct LTTngRegistrationProbe {
    let lttng: URL
    let name: String
    let output: URL
    let configuration: URL
    let savedConfiguration: Data?

    /// A failed lttng command.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Creates the session, enables `PROVIDER:*` for each provider, and starts it.
    static func start(lttng: URL, providers: [String]) throws -> LTTngRegistrationProbe {
        let environment = ProcessInfo.processInfo.environment
        let home = environment["LTTNG_HOME"] ?? environment["HOME"] ?? NSHomeDirectory()
        let configuration = URL(fileURLWithPath: home).appending(path: ".lttngrc")
        let name = "swift-tracetool-doctor-\(getpid())-\(UUID().uuidString.prefix(8))"
        let probe = LTTngRegistrationProbe(
            lttng: lttng, name: name,
            output: FileManager.default.temporaryDirectory.appending(path: name),
            configuration: configuration, savedConfiguration: try? Data(contentsOf: configuration))
        try probe.lttng(["create", name, "--output=\(probe.output.path)"])
        do {
            for provider in providers { try probe.lttng(["enable-event", "-u", "-s", name, "\(provider):*"]) }
            try probe.lttng(["start", name])
        } catch {
            probe.destroy()
            throw error
        }
        return probe
    }

    private func lttng(_ arguments: [String]) throws {
        let result = LTTngCommand.run(lttng, arguments)
        guard result.status == 0 else {
            throw Failure(description: "lttng \(arguments.joined(separator: " ")): \(result.error.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
    }

    /// Stops the session (which flushes its metadata) and returns those of `providers` whose events its
    /// metadata declares (TSDL: `event { name = "PROVIDER:EVENT"; ... }`).
    func stopAndReadDeclaredProviders(among providers: [String]) -> Set<String> {
        try? lttng(["stop", name])
        var text = ""
        let files = FileManager.default.enumerator(atPath: output.path)
        while let relative = files?.nextObject() as? String {
            guard relative.hasSuffix("/metadata"), let data = FileManager.default.contents(atPath: output.appending(path: relative).path) else { continue }
            text += String(decoding: data, as: UTF8.self)
        }
        return Set(providers.filter { text.contains("name = \"\($0):") })
    }

    /// Destroys the session, removes its trace, and restores the user's `.lttngrc`.
    func destroy() {
        _ = LTTngCommand.run(lttng, ["destroy", name])
        try? FileManager.default.removeItem(at: output)
        if let savedConfiguration {
            try? savedConfiguration.write(to: configuration)
        } else {
            try? FileManager.default.removeItem(at: configuration)
        }
    }
}
