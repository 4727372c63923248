import Foundation
import Testing
import TraceEventsGeneratorCore

/// All of QEMU's trace-events files generated into one directory, as a program linking every provider
/// would have them: `<group>.h`, `<group>.c`, `<group>.swift` and a module map naming `C_<group>`.
struct CorpusGeneration {
    struct Group {
        var name: String
        var file: TraceEventsFile
        var swiftFile: URL
        var sourceFile: URL
    }

    let directory: URL
    var groups: [Group] = []
    /// Seconds spent generating (parsing excluded).
    var generationSeconds: Double = 0

    /// Generates every file of `data`'s QEMU corpus.
    init(_ data: TestData) throws {
        try self.init(files: try data.qemuCorpus())
    }

    /// Generates each file under its group name.
    init(files: [QEMUCorpusFile]) throws {
        directory = try TestPaths.temporaryDirectory("corpus")
        var moduleMap = ""
        for corpusFile in files {
            let url = corpusFile.url, name = corpusFile.group
            let (file, diagnostics) = try TraceEventsLoader.load(path: url.path)
            if diagnostics.containsErrors {
                throw TestFailure("\(url.path) has errors:\n\(diagnostics.map(\.description).joined(separator: "\n"))")
            }
            let context = GenerationContext(
                file: file, names: GenerationNames(group: name), headerName: "\(name).h", cModule: "C_\(name)"
            )
            let start = ContinuousClock.now
            let swift = try CodeGenerator.generate(.swift, context: context)
            let header = try CodeGenerator.generate(.cHeader, context: context)
            let source = try CodeGenerator.generate(.cSource, context: context)
            let elapsed = ContinuousClock.now - start
            generationSeconds += Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            let group = Group(
                name: name, file: file, swiftFile: directory.appending(path: "\(name).swift"),
                sourceFile: directory.appending(path: "\(name).c")
            )
            try Data(swift.utf8).write(to: group.swiftFile)
            try Data(header.utf8).write(to: directory.appending(path: "\(name).h"))
            try Data(source.utf8).write(to: group.sourceFile)
            moduleMap += "module C_\(name) {\n    header \"\(name).h\"\n    export *\n}\n"
            groups.append(group)
        }
        try Data(moduleMap.utf8).write(to: directory.appending(path: "module.modulemap"))
    }

    /// The Swift files split into batches in which no trace function name repeats (QEMU reuses event names
    /// across files that are never linked together, e.g. linux-user and bsd-user).
    func swiftBatches() -> [[URL]] {
        groupBatches().map { $0.map(\.swiftFile) }
    }

    /// The groups split into batches in which no trace function name repeats.
    func groupBatches() -> [[Group]] {
        GeneratedCodeCompiler.batches(groups) { Set($0.file.expandedEvents.map(\.name)) }
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }
}

/// Whether LTTng-UST's headers and the LTTng tools are installed, and what to do when they are not.
enum LTTngAvailability {
    static var headersInstalled: Bool { GeneratedCodeCompiler.CBackend.lttng.isInstalled }

    static var toolsInstalled: Bool {
        ["lttng", "lttng-sessiond", "babeltrace2"].allSatisfy { TestPaths.executable($0) != nil }
    }

    static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    /// Whether LTTng tests run: when everything is installed, and always on CI (where a missing install
    /// must fail, not skip).
    static var testsRun: Bool { (headersInstalled && toolsInstalled) || isCI }

    static let skipReason: Comment =
        "LTTng end-to-end test skipped: liblttng-ust-dev, lttng-tools or babeltrace2 is not installed (run .ci/setup); with CI=true it fails instead"

    /// Fails clearly when something is missing (reached only on CI).
    static func require() throws {
        guard headersInstalled else { throw TestFailure("liblttng-ust-dev is not installed: apt-get install liblttng-ust-dev (or run .ci/setup)") }
        guard toolsInstalled else { throw TestFailure("lttng-tools or babeltrace2 is not installed: apt-get install lttng-tools babeltrace2 (or run .ci/setup)") }
    }
}
