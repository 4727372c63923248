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
            after --, whether it registers the package's LTTng providers: doctor records the program in a session \
            of its own (so a program that exits at once is checked too) and stops one that still runs after \
            --wait seconds. Exits with 1 when something must be fixed.
            """
    )

    @Option(help: "The package's directory.")
    var packagePath = "."

    @Argument(parsing: .postTerminator, help: "A program of the package (and its arguments) to start while checking LTTng registration.")
    var program: [String] = []

    @Option(help: "Seconds a program after -- may run before doctor stops it (it stops sooner once its providers are seen).")
    var wait: Double = 10

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
}
