import ArgumentParser
import Foundation
import TraceEventsGeneratorCore

/// `swift-tracetool doctor`: checks a package's trace-events set-up and LTTng on this machine, and says
/// what to do about each problem.
struct Doctor: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check a package's trace events set-up and LTTng at run time, and print what to do.",
        discussion: """
            Checks Package.swift (tools-version suffix, the LTTng trait, each plugin target's C tracepoints target \
            and umbrella header), the trace-events files and their calls, then LTTng: the tools, lttng-sessiond, \
            the channels of recording sessions (sub-buffers that discard events under load) and, given a program \
            after --, whether its providers register while it runs. Exits with 1 when something must be fixed.
            """
    )

    @Option(help: "The package's directory.")
    var packagePath = "."

    @Argument(parsing: .postTerminator, help: "A program of the package (and its arguments) to start while checking LTTng registration.")
    var program: [String] = []

    func run() async throws {
        var report = DoctorReport()
        let package = URL(fileURLWithPath: packagePath).standardizedFileURL
        let providers = checkPackage(package, into: &report)
        checkLTTng(providers: providers, into: &report)
        print(report.lines.joined(separator: "\n"))
        if report.problems > 0 {
            print("\(report.problems) problem\(report.problems == 1 ? "" : "s") to fix")
            throw ExitCode.failure
        }
        print("no problems found")
    }

    /// The package's rules; returns the LTTng providers its C targets register.
    private func checkPackage(_ package: URL, into report: inout DoctorReport) -> [String] {
        let manifestURL = package.appending(path: "Package.swift")
        guard let manifest = try? String(contentsOf: manifestURL, encoding: .utf8) else {
            report.problem("no Package.swift in \(package.path)", fix: "run doctor in the package's directory or pass --package-path")
            return []
        }
        let findings = [AdoptionRules.checkToolsVersion(manifest: manifest, path: manifestURL.path)].compactMap { $0 }
            + AdoptionRules.checkTraitNames(manifest: manifest, path: manifestURL.path)
        for finding in findings { report.add(finding) }
        let description: PackageDescriptionDump
        do {
            description = try PackageDescriptionDump.load(package: package)
        } catch {
            let text = "\(error)"
            report.problem(text, fix: text.contains("swift-trace-events")
                ? "name the dependency: .package(name: \"swift-trace-events\", path: ...) (a path dependency is otherwise named after its folder)"
                : "fix Package.swift so that `swift package dump-package` reads it")
            return []
        }
        let users = description.targets.filter { $0.plugins.contains("TraceEventsPlugin") }
        if users.isEmpty {
            report.problem("no target applies TraceEventsPlugin", fix: "run `swift-tracetool init --target NAME` to set one up")
            return []
        }
        let cTargets = users.filter { Self.isCTarget($0, in: package) }
        var providers: [String] = []
        for target in cTargets {
            let umbrella = Self.directory(of: target, in: package).appending(path: "include/\(target.name).h")
            if let finding = AdoptionRules.checkUmbrellaHeader(
                cTarget: target.name, path: umbrella.path, text: try? String(contentsOf: umbrella, encoding: .utf8)) {
                report.add(finding)
            }
            if let provider = checkDefinitions(of: target, cTarget: true, package: package, into: &report) { providers.append(provider) }
        }
        for target in users where !cTargets.contains(where: { $0.name == target.name }) {
            if !target.dependencies.contains(where: { name in cTargets.contains { $0.name == name } }) {
                report.add(AdoptionRules.missingTracepointsTarget(
                    swiftTarget: target.name, existing: description.targets.contains { $0.name == "\(target.name)Tracepoints" },
                    manifest: manifest, path: manifestURL.path))
            }
            _ = checkDefinitions(of: target, cTarget: false, package: package, into: &report)
        }
        report.ok("Package.swift: \(users.count) target\(users.count == 1 ? "" : "s") apply TraceEventsPlugin (\(users.map(\.name).joined(separator: ", ")))")
        return providers
    }

    /// Validates the target's trace-events (and, for a Swift target, its calls); a C target's provider name.
    private func checkDefinitions(of target: PackageDescriptionDump.TargetInfo, cTarget: Bool, package: URL, into report: inout DoctorReport) -> String? {
        let directory = Self.directory(of: target, in: package)
        let own = directory.appending(path: "trace-events")
        let file = FileManager.default.fileExists(atPath: own.path) ? own : package.appending(path: "trace-events")
        guard let loaded = try? TraceEventsLoader.load(path: file.path) else {
            report.problem("target '\(target.name)' applies TraceEventsPlugin but has no trace-events file",
                fix: "create \(package.appending(path: "trace-events").path) (swift-tracetool init writes a starter)")
            return nil
        }
        var diagnostics = loaded.diagnostics
        if !cTarget, let usage = try? UsageChecker().check([loaded.file], sourcePaths: [directory.path]) { diagnostics += usage }
        for diagnostic in diagnostics { report.add(diagnostic) }
        guard cTarget else { return nil }
        return try? GenerationNames.resolve(file: loaded.file, defaultGroup: GenerationNames.derivedGroup(fromTarget: target.name)).provider
    }

    static func directory(of target: PackageDescriptionDump.TargetInfo, in package: URL) -> URL {
        package.appending(path: target.path ?? "Sources/\(target.name)")
    }

    /// A target is C when its directory has C sources (SwiftPM's own rule: the language of its files).
    static func isCTarget(_ target: PackageDescriptionDump.TargetInfo, in package: URL) -> Bool {
        let files = (try? SourceFileCollector.sourceFiles(under: [directory(of: target, in: package).path])) ?? []
        return files.contains { $0.hasSuffix(".c") } && !files.contains { $0.hasSuffix(".swift") }
    }

    // MARK: LTTng at run time

    private func checkLTTng(providers: [String], into report: inout DoctorReport) {
        guard let lttng = Self.executable("lttng") else {
            report.problem("the lttng command is missing, so nothing can be recorded", fix: "apt-get install lttng-tools")
            return
        }
        // Debian installs the headers under the multiarch directory.
        let headers = ["/usr/include/lttng/tracepoint.h", "/usr/include/x86_64-linux-gnu/lttng/tracepoint.h", "/usr/include/aarch64-linux-gnu/lttng/tracepoint.h"]
        if !headers.contains(where: { FileManager.default.fileExists(atPath: $0) }) {
            report.problem("liblttng-ust-dev is missing: `swift build --traits LTTng` stops with #error", fix: "apt-get install liblttng-ust-dev")
        }
        guard Self.sessionDaemonIsRunning() else {
            report.problem("lttng-sessiond is not running: programs register no provider and lttng cannot record",
                fix: "start it: lttng-sessiond --daemonize (as root, or as your user for a per-user daemon)")
            return
        }
        report.ok("lttng-sessiond is running")
        checkChannels(lttng: lttng, into: &report)
        if !program.isEmpty { checkRegistration(lttng: lttng, providers: providers, into: &report) }
    }

    /// Whether a process named lttng-sessiond exists.
    static func sessionDaemonIsRunning() -> Bool {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.contains { entry in
            guard entry.allSatisfy(\.isNumber), let comm = try? String(contentsOfFile: "/proc/\(entry)/comm", encoding: .utf8) else { return false }
            return comm.trimmingCharacters(in: .whitespacesAndNewlines) == "lttng-sessiond"
        }
    }

    /// Each user-space channel of each session: small discard-mode buffers drop events under load.
    private func checkChannels(lttng: URL, into report: inout DoctorReport) {
        let sessions = Self.run(lttng, ["list", "--mi", "xml"]).flatMap { Self.xmlValues("name", in: Self.xmlElements("session", in: $0)) } ?? []
        if sessions.isEmpty {
            report.ok("no recording session yet (lttng create NAME; lttng enable-event -u 'PROVIDER:*'; lttng start)")
            return
        }
        for session in sessions {
            guard let xml = Self.run(lttng, ["--mi", "xml", "list", session]) else { continue }
            for channel in Self.xmlElements("channel", in: xml) where xml.contains("<type>UST</type>") {
                let name = Self.xmlValues("name", in: [channel]).first ?? "?"
                let size = Int(Self.xmlValues("subbuffer_size", in: [channel]).first ?? "") ?? 0
                let count = Int(Self.xmlValues("subbuffer_count", in: [channel]).first ?? "") ?? 0
                let mode = Self.xmlValues("overwrite_mode", in: [channel]).first ?? ""
                let discarded = Int(Self.xmlValues("discarded_events", in: [channel]).first ?? "") ?? 0
                let blocking = Self.xmlValues("blocking_timeout", in: [channel]).first ?? "0"
                let where_ = "session '\(session)', channel '\(name)'"
                if discarded > 0 {
                    report.problem("\(where_) has discarded \(discarded) events",
                        fix: "recreate the channel with bigger buffers: lttng enable-channel -u -s \(session) --subbuf-size=4M --num-subbuf=8 \(name)")
                } else if mode == "DISCARD" && size * count < 4 << 20 && blocking == "0" {
                    report.problem("\(where_) has \(count) sub-buffers of \(size / 1024) KiB per CPU: bursts of events will be discarded",
                        fix: "lttng enable-channel -u -s \(session) --subbuf-size=4M --num-subbuf=8 \(name) before enabling events "
                            + "(or --blocking-timeout=inf and LTTNG_UST_ALLOW_BLOCKING=1 so the program waits instead)")
                } else {
                    report.ok("\(where_): \(mode.lowercased()) mode, \(count) × \(size / 1024) KiB, nothing discarded")
                }
            }
        }
    }

    /// Starts the program and looks for its providers in `lttng list -u` while it runs.
    private func checkRegistration(lttng: URL, providers: [String], into report: inout DoctorReport) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program[0])
        process.arguments = Array(program.dropFirst())
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch {
            report.problem("cannot start \(program[0]): \(error.localizedDescription)", fix: "pass the built program, e.g. -- .build/debug/NAME")
            return
        }
        defer { if process.isRunning { process.terminate() }; process.waitUntilExit() }
        var listed = ""
        let deadline = Date().addingTimeInterval(5)
        while Date() < deadline {
            listed = Self.run(lttng, ["list", "-u"]) ?? ""
            if providers.allSatisfy({ listed.contains("\($0):") }) || !process.isRunning { break }
            Thread.sleep(forTimeInterval: 0.2)
        }
        let exited = !process.isRunning
        for provider in providers {
            if listed.contains("\(provider):") {
                report.ok("\(program[0]) registered LTTng provider '\(provider)'")
            } else if exited {
                report.problem("\(program[0]) exited before `lttng list -u` saw provider '\(provider)' (providers unregister at exit)",
                    fix: "pass a program that keeps running for a second or more, built with: swift build --traits LTTng")
            } else {
                report.problem("\(program[0]) did not register LTTng provider '\(provider)' while it ran",
                    fix: "build it with the trait: swift build --traits LTTng (and keep it running while you record)")
            }
        }
    }

    static func executable(_ name: String) -> URL? {
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let url = URL(fileURLWithPath: String(directory)).appending(path: name)
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return nil
    }

    /// A command's standard output, or nil when it fails.
    static func run(_ executable: URL, _ arguments: [String]) -> String? {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return process.terminationStatus == 0 ? String(decoding: data, as: UTF8.self) : nil
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

/// What doctor found, in order, and how many problems.
struct DoctorReport {
    private(set) var lines: [String] = []
    private(set) var problems = 0

    mutating func ok(_ text: String) { lines.append("ok: \(text)") }

    mutating func problem(_ text: String, fix: String) {
        problems += 1
        lines.append("problem: \(text)\n  fix: \(fix)")
    }

    mutating func add(_ finding: AdoptionRules.Finding) {
        problems += 1
        lines.append(finding.description)
    }

    mutating func add(_ diagnostic: Diagnostic) {
        if diagnostic.severity == .error { problems += 1 }
        lines.append(diagnostic.description)
    }
}
