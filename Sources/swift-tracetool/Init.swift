import ArgumentParser
import Foundation
import TraceEventsGeneratorCore

/// `swift-tracetool init`: sets a package up to call trace events from one of its Swift targets.
struct Init: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Add trace events to a package: trace-events, the C tracepoints target, and Package.swift's lines.",
        discussion: """
            Writes a starter trace-events file at the package root (kept when one exists), the C target \
            Sources/<Target>Tracepoints with its one .c file and umbrella header, and appends to Package.swift \
            the LTTng trait, the swift-trace-events dependency, the C target and the plugin on <Target>. Nothing \
            else in Package.swift changes, except a tools-version line without ';(experimentalCGen)'. When it \
            cannot edit safely it changes nothing, prints the lines to add, and exits with 1. Running it again \
            changes nothing.
            """
    )

    @Option(help: "The package's directory.")
    var packagePath = "."

    @Option(help: "The Swift target that calls the events (default: the package's only non-test target).")
    var target: String?

    @Option(help: "A local swift-trace-events checkout (default: the one this tool was built in).")
    var path: String?

    @Option(help: "swift-trace-events' git URL, instead of a local checkout.")
    var url: String?

    @Option(help: "With --url: the lowest version.")
    var from = "0.1.0"

    func run() async throws {
        let package = URL(fileURLWithPath: packagePath).standardizedFileURL
        let manifestURL = package.appending(path: "Package.swift")
        guard let manifest = try? String(contentsOf: manifestURL, encoding: .utf8) else {
            throw Failure("no Package.swift in \(package.path) (create a package first: swift package init)")
        }
        if manifest.contains(PackageSetup.marker) {
            print("swift-tracetool init: \(manifestURL.path) is already set up (it has the block init adds); nothing changed")
            return
        }
        let description = try PackageDescriptionDump.load(package: package)
        let swiftTarget = try chooseTarget(description)
        let setup = PackageSetup(
            swiftTarget: swiftTarget,
            dependency: try dependency(package: package),
            hasLTTngTrait: description.traits.contains("LTTng"),
            hasDependency: description.dependencies.contains("swift-trace-events"))
        if description.targets.contains(where: { $0.name == setup.cTarget }) || description.usesPlugin {
            throw Failure("the package already has a target '\(setup.cTarget)' or applies TraceEventsPlugin: nothing changed; "
                + "`swift-tracetool doctor` checks an existing set-up")
        }
        if let refusal = PackageSetup.refusal(manifest: manifest) {
            printManualSteps(setup, reason: refusal)
            throw ExitCode.failure
        }
        try write(setup, package: package, manifest: manifest, to: manifestURL)
    }

    private func chooseTarget(_ description: PackageDescriptionDump) throws -> String {
        let candidates = description.targets.filter { ["regular", "executable"].contains($0.type) }.map(\.name)
        if let target {
            guard candidates.contains(target) else {
                throw Failure("no Swift library or executable target '\(target)' in the package (targets: \(candidates.joined(separator: ", ")))")
            }
            return target
        }
        guard candidates.count == 1 else {
            throw Failure(candidates.isEmpty
                ? "the package has no library or executable target (add one: swift package add-target NAME)"
                : "choose the target that calls the events with --target (one of: \(candidates.joined(separator: ", ")))")
        }
        return candidates[0]
    }

    private func dependency(package: URL) throws -> PackageSetup.Dependency {
        if let url { return .url(url, from: from) }
        if let path { return .path(path) }
        guard let checkout = Self.checkoutOfThisTool() else {
            throw Failure("cannot tell where swift-trace-events is: pass --path DIR (a checkout) or --url URL")
        }
        return .path(Self.relativePath(from: package, to: checkout))
    }

    /// The swift-trace-events checkout whose `.build` holds this executable.
    static func checkoutOfThisTool() -> URL? {
        var directory = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
        while directory.path != "/" {
            let manifest = directory.appending(path: "Package.swift")
            if let text = try? String(contentsOf: manifest, encoding: .utf8), text.contains("name: \"swift-trace-events\"") { return directory }
            directory.deleteLastPathComponent()
        }
        return nil
    }

    /// `to` relative to the directory `from`, e.g. `../swift-trace-events`.
    static func relativePath(from: URL, to: URL) -> String {
        let base = from.standardizedFileURL.pathComponents
        let target = to.standardizedFileURL.pathComponents
        let common = zip(base, target).prefix { $0 == $1 }.count
        // Nothing in common but the root: the absolute path reads better than a climb to it.
        if common <= 1 { return to.standardizedFileURL.path }
        let parts = Array(repeating: "..", count: base.count - common) + target[common...]
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }

    private func write(_ setup: PackageSetup, package: URL, manifest: String, to manifestURL: URL) throws {
        var created: [String] = []
        let events = package.appending(path: "trace-events")
        if !FileManager.default.fileExists(atPath: events.path) {
            try GeneratedFileWriter.write(setup.traceEventsText, to: events.path)
            created.append("trace-events (starter event \(setup.starterEvent))")
        }
        for file in setup.cTargetFiles {
            let url = package.appending(path: file.path)
            guard !FileManager.default.fileExists(atPath: url.path) else { continue }
            try GeneratedFileWriter.write(file.text, to: url.path)
            created.append(file.path)
        }
        try GeneratedFileWriter.write(setup.editedManifest(manifest), to: manifestURL.path)
        print("""
            swift-tracetool init: \(setup.swiftTarget) now calls trace events.
              created: \(created.isEmpty ? "nothing (the files were there)" : created.joined(separator: ", "))
              Package.swift: appended the LTTng trait, the swift-trace-events dependency, target \(setup.cTarget) and \
            TraceEventsPlugin on \(setup.swiftTarget)
            Next: in \(setup.swiftTarget), `import TraceEvents`, call `TraceEvents.bootstrapReporting()` once at start-up and \
            `trace_\(setup.starterEvent)("world")`; then
              swift build && TRACE_EVENTS='\(setup.group)_*' swift run
            prints the event on stderr (`swift build --traits LTTng` records it with LTTng).
            """)
    }

    private func printManualSteps(_ setup: PackageSetup, reason: String) {
        var text = "swift-tracetool init: \(reason), so nothing was changed. Make these changes by hand:\n\n"
        text += "Package.swift, line 1: \(AdoptionRules.requiredToolsVersionLine(manifest: ""))\n"
        text += "Package.swift, at the end:\n\(setup.manifestBlock)\n"
        text += "trace-events:\n\(setup.traceEventsText)\n"
        for file in setup.cTargetFiles { text += "\(file.path):\n\(file.text)\n" }
        FileHandle.standardError.write(Data(text.utf8))
    }
}

/// A plain message for a command that cannot go on.
struct Failure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// The parts of `swift package dump-package`'s JSON that init and doctor read.
struct PackageDescriptionDump {
    struct TargetInfo {
        var name: String
        var type: String
        var dependencies: [String]
        var plugins: [String]
        /// The target's directory relative to the package, when the manifest sets one.
        var path: String?
    }

    var targets: [TargetInfo]
    var traits: [String]
    var dependencies: [String]
    /// Whether any target applies TraceEventsPlugin.
    var usesPlugin: Bool { targets.contains { $0.plugins.contains("TraceEventsPlugin") } }

    /// Runs `swift package dump-package` in `package`, with a scratch directory of its own: the package's
    /// `.build` may be locked by the SwiftPM that runs us (`swift package add-trace-events`) or by a build.
    static func load(package: URL) throws -> PackageDescriptionDump {
        let scratch = FileManager.default.temporaryDirectory.appending(path: "swift-tracetool-dump-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["swift", "package", "--package-path", package.path, "--scratch-path", scratch.path, "dump-package"]
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let errorText = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0,
              let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw Failure("`swift package dump-package` cannot read \(package.path)/Package.swift:\n\(errorText)")
        }
        return PackageDescriptionDump(json: json)
    }

    init(json: [String: Any]) {
        let targetList = json["targets"] as? [[String: Any]] ?? []
        targets = targetList.map { target in
            let dependencies = (target["dependencies"] as? [[String: Any]] ?? []).compactMap { dependency -> String? in
                for key in ["byName", "target", "product"] {
                    if let values = dependency[key] as? [Any], let name = values.first as? String { return name }
                }
                return nil
            }
            let plugins = (target["pluginUsages"] as? [[String: Any]] ?? []).compactMap { usage -> String? in
                (usage["plugin"] as? [Any])?.first as? String
            }
            return TargetInfo(name: target["name"] as? String ?? "", type: target["type"] as? String ?? "",
                dependencies: dependencies, plugins: plugins, path: target["path"] as? String)
        }
        traits = (json["traits"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
        dependencies = (json["dependencies"] as? [[String: Any]] ?? []).compactMap { dependency in
            for kind in ["fileSystem", "sourceControl", "registry"] {
                if let values = dependency[kind] as? [[String: Any]], let first = values.first {
                    return (first["nameForTargetDependencyResolutionOnly"] as? String) ?? (first["identity"] as? String)
                }
            }
            return nil
        }
    }
}
