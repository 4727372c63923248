import Foundation

/// Compiles what the generator produced for the corpus: the Swift as one module (what a release build of a
/// target with all those events compiles) and, as the baseline, the C providers with clang -O2 — both with
/// LTTng on, as the benchmarks build.
struct CorpusCompilation {
    /// The generator's outputs.
    let outputs: [CorpusGeneration.Output]

    /// Where this program was built: the directory holding `Modules/` and `CTraceEvents.build/`.
    static var buildDirectory: URL {
        URL(fileURLWithPath: CommandLine.executablePath).deletingLastPathComponent()
    }

    /// The root package's C registry headers.
    static var registryIncludeDirectory: URL {
        SharedData.repositoryRoot.appendingPathComponent("Sources/CTraceEvents/include")
    }

    /// Writes the outputs to a fresh directory and returns it: `swift/`, `c/`, and `include/` with a module map.
    func writeTree() throws -> URL {
        let root = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("trace-bench-corpus-\(getpid())")
        try? FileManager.default.removeItem(at: root)
        for directory in ["swift", "c", "include"] {
            try FileManager.default.createDirectory(
                at: root.appendingPathComponent(directory), withIntermediateDirectories: true)
        }
        var moduleMap = "module \(CorpusGeneration.cModule) {\n"
        for output in outputs {
            try output.swift.write(to: root.appendingPathComponent("swift/\(output.group).swift"), atomically: false, encoding: .utf8)
            try output.cSource.write(to: root.appendingPathComponent("c/\(output.group).c"), atomically: false, encoding: .utf8)
            try output.cHeader.write(to: root.appendingPathComponent("include/\(output.headerName)"), atomically: false, encoding: .utf8)
            moduleMap += "    header \"\(output.headerName)\"\n"
        }
        moduleMap += "    export *\n}\n"
        try moduleMap.write(to: root.appendingPathComponent("include/module.modulemap"), atomically: false, encoding: .utf8)
        return root
    }

    /// Seconds for `swiftc -O -wmo -D LTTng -c` of every generated Swift file as one module.
    ///
    /// - Throws: ``ProcessRunner/Failure`` with the compiler's first error lines.
    func compileSwift(in tree: URL) throws -> Double {
        guard let swiftc = ProcessRunner.find("swiftc") ?? Self.toolchainProgram("swiftc") else {
            throw ProcessRunner.Failure(description: "swiftc not found")
        }
        let sources = outputs.map { tree.appendingPathComponent("swift/\($0.group).swift").path }
        let build = Self.buildDirectory
        let arguments = [
            "-module-name", "Corpus", "-parse-as-library", "-swift-version", "6", "-O", "-wmo", "-D", "LTTng",
            "-c", "-o", tree.appendingPathComponent("corpus.o").path,
            "-I", build.appendingPathComponent("Modules").path,
            "-I", tree.appendingPathComponent("include").path,
            "-Xcc", "-fmodule-map-file=" + build.appendingPathComponent("CTraceEvents.build/module.modulemap").path,
            "-Xcc", "-I" + Self.registryIncludeDirectory.path,
        ] + sources
        return try Self.timed(swiftc, arguments)
    }

    /// Seconds for `clang -O2 -DSTE_LTTNG -c` of every generated C source, one after another.
    func compileC(in tree: URL) throws -> Double {
        guard let clang = ProcessRunner.find("clang") ?? Self.toolchainProgram("clang") ?? ProcessRunner.find("cc") else {
            throw ProcessRunner.Failure(description: "no C compiler found")
        }
        var total = 0.0
        for output in outputs {
            total += try Self.timed(clang, [
                "-O2", "-DSTE_LTTNG", "-c",
                "-I", tree.appendingPathComponent("include").path, "-I", Self.registryIncludeDirectory.path,
                tree.appendingPathComponent("c/\(output.group).c").path,
                "-o", tree.appendingPathComponent("c/\(output.group).o").path,
            ])
        }
        return total
    }

    /// A program next to the Swift toolchain this program was built with, when not in PATH.
    private static func toolchainProgram(_ name: String) -> String? {
        let candidate = "/opt/swift/usr/bin/\(name)"
        return FileManager.default.isExecutableFile(atPath: candidate) ? candidate : nil
    }

    /// Runs a compiler and returns its wall-clock seconds.
    private static func timed(_ program: String, _ arguments: [String]) throws -> Double {
        let start = MonotonicClock.now()
        let outcome = try ProcessRunner.run(program, arguments, timeout: 600)
        let seconds = Double(MonotonicClock.now() - start) / 1e9
        guard outcome.status == 0 else {
            let errors = (outcome.errorOutput + outcome.output).split(separator: "\n")
                .filter { $0.contains("error") }.prefix(3).joined(separator: " / ")
            throw ProcessRunner.Failure(description: "\((program as NSString).lastPathComponent) failed: \(errors)")
        }
        return seconds
    }
}
