import Foundation
import Testing
import TraceEventsGeneratorCore

/// `swift-tracetool init` sets up packages as users have them: made by `swift package init` in /tmp (outside
/// this checkout), under git. Package.swift only gains lines (and the tools-version suffix), `swift build`
/// then `swift run` print the starter event, a second init changes nothing, and a manifest init cannot edit
/// safely is left alone with the lines to add printed.
///
/// Both built packages share the mutable fixture's scratch directory, so swift-trace-events is compiled there
/// once and each package here compiles only its own targets.
@Suite(.serialized) struct InitCommandTests {
    @Test func setsUpAnEmptyExecutablePackage() async throws {
        try await MutableFixture.shared.withScratchPath { scratch in
            let package = try Self.newPackage(named: "Hello", scratch: scratch) { directory in
                let created = try ProcessRunner.run(tool: "swift", ["package", "init", "--type", "executable"], in: directory, timeout: 120)
                guard created.status == 0 else { throw TestFailure("swift package init failed: \(created.combined)") }
            }
            defer { Self.remove(package) }
            try Self.initAndExpectOnlyAdditions(package, arguments: [])
            let event = try Self.starterEvent(of: package)
            // What init's message says to do: import, bootstrap once, call the event.
            try package.edit("Sources/Hello/Hello.swift") {
                "import TraceEvents\n" + $0.replacingOccurrences(
                    of: "print(\"Hello, world!\")",
                    with: "TraceEvents.bootstrapReporting()\n        trace_\(event)(\"world\")\n        print(\"Hello, world!\")")
            }
            try Self.expectBuildAndRunPrint(package, product: "Hello", event: event, argument: "world")
        }
    }

    @Test func setsUpOneTargetOfAPackageThatHasSeveral() async throws {
        try await MutableFixture.shared.withScratchPath { scratch in
            let package = try Self.newPackage(named: "Workbench", scratch: scratch) { directory in
                let files = [
                    "Package.swift": """
                        // swift-tools-version: 6.3
                        // A library, a tool that uses it, and its tests: the targets are there before init.

                        import PackageDescription

                        let package = Package(
                            name: "Workbench",
                            products: [
                                .library(name: "Core", targets: ["Core"]),
                            ],
                            targets: [
                                .target(name: "Core"),
                                .executableTarget(
                                    name: "Tool",
                                    dependencies: ["Core"]  // the tool's only dependency
                                ),
                                .testTarget(name: "CoreTests", dependencies: ["Core"]),
                            ]
                        )

                        """,
                    "Sources/Core/Core.swift": "/// Who the tool greets.\npublic func greeted() -> String { \"workbench\" }\n",
                    "Sources/Tool/main.swift": "import Core\n\nprint(\"hello, \\(greeted())\")\n",
                    "Tests/CoreTests/CoreTests.swift": "import Core\nimport Testing\n\n@Test func greets() { #expect(greeted() == \"workbench\") }\n",
                ]
                for (path, text) in files { try Self.write(text, to: directory.appending(path: path)) }
            }
            defer { Self.remove(package) }

            // Two targets could call events: init does not guess.
            let unchosen = try Self.tracetool(["init", "--package-path", package.directory.path])
            #expect(unchosen.status != 0)
            #expect(unchosen.combined.contains("choose the target that calls the events with --target (one of: Core, Tool)"), "\(unchosen.combined)")
            #expect(try Self.git(["status", "--porcelain"], in: package).isEmpty, "init changed files although it failed")

            try Self.initAndExpectOnlyAdditions(package, arguments: ["--target", "Tool"])
            let event = try Self.starterEvent(of: package)
            try package.edit("Sources/Tool/main.swift") {
                "import TraceEvents\n" + $0 + "TraceEvents.bootstrapReporting()\ntrace_\(event)(greeted())\n"
            }
            try Self.expectBuildAndRunPrint(package, product: "Tool", event: event, argument: "workbench")
        }
    }

    @Test func theCommandPluginRunsInitWithTheCheckoutItDependsOn() async throws {
        try await MutableFixture.shared.withScratchPath { scratch in
            // A command plugin is there only once the package depends on swift-trace-events.
            let package = try Self.newPackage(named: "Plugged", scratch: scratch) { directory in
                try Self.write("""
                    // swift-tools-version: 6.3
                    import PackageDescription

                    let package = Package(
                        name: "Plugged",
                        dependencies: [
                            .package(name: "swift-trace-events", path: "\(TestPaths.packageRoot.path)"),
                        ],
                        targets: [
                            .executableTarget(name: "Plugged"),
                        ]
                    )

                    """, to: directory.appending(path: "Package.swift"))
                try Self.write("print(\"plugged\")\n", to: directory.appending(path: "Sources/Plugged/main.swift"))
            }
            defer { Self.remove(package) }
            try Self.expectOnlyAdditions(package) {
                try SwiftPM.run([
                    "package", "--package-path", package.directory.path, "--scratch-path", package.scratchPath.path,
                    "--allow-writing-to-package-directory", "add-trace-events",
                ], timeout: 1500)
            }
            let manifest = try package.read("Package.swift")
            #expect(manifest.components(separatedBy: ".package(").count == 2, "the dependency was added again:\n\(manifest)")
            let event = try Self.starterEvent(of: package)
            try package.edit("Sources/Plugged/main.swift") { "import TraceEvents\n" + $0 + "TraceEvents.bootstrapReporting()\ntrace_\(event)(\"plugin\")\n" }
            try Self.expectBuildAndRunPrint(package, product: "Plugged", event: event, argument: "plugin")
        }
    }

    @Test func printsTheLinesWhenItCannotEditSafely() async throws {
        // Two declarations of `package` (one per platform): init cannot tell where its block belongs.
        let root = try TestPaths.temporaryDirectory("init-refused")
        defer { try? FileManager.default.removeItem(at: root) }
        let package = FixtureCopy(directory: root.appending(path: "Refused"), scratchPath: root.appending(path: "unused-build"))
        let manifest = """
            // swift-tools-version: 6.3
            import PackageDescription

            #if os(Linux)
            let package = Package(name: "Refused", targets: [.executableTarget(name: "Refused")])
            #else
            let package = Package(name: "Refused", targets: [.executableTarget(name: "Refused", path: "Sources/Refused")])
            #endif

            """
        try Self.write(manifest, to: package.url("Package.swift"))
        try Self.write("print(\"refused\")\n", to: package.url("Sources/Refused/main.swift"))
        let before = try Self.snapshot(package)

        let refused = try Self.tracetool(["init", "--package-path", package.directory.path])
        #expect(refused.status == 1, "\(refused.combined)")
        #expect(refused.error.contains("so nothing was changed. Make these changes by hand:"), "\(refused.error)")
        #expect(try Self.snapshot(package) == before, "init changed files although it refused")

        // The printed lines, applied by hand, are a set-up SwiftPM reads: the oracle is dump-package.
        try Self.apply(manualSteps: refused.error, to: package)
        let dumped = try ProcessRunner.run(tool: "swift", ["package", "--package-path", package.directory.path, "dump-package"], timeout: 300)
        #expect(dumped.status == 0, "\(dumped.combined)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(dumped.output.utf8)) as? [String: Any])
        let targets = (json["targets"] as? [[String: Any]] ?? []).reduce(into: [String: [String: Any]]()) { $0[$1["name"] as? String ?? ""] = $1 }
        for name in ["Refused", "RefusedTracepoints"] {
            let target = try #require(targets[name], "no target \(name) in \(targets.keys.sorted())")
            #expect("\(target["pluginUsages"] ?? "")".contains("TraceEventsPlugin"), "\(name) does not apply TraceEventsPlugin: \(target)")
        }
        let dependencies = "\(targets["Refused"]?["dependencies"] ?? "")"
        #expect(dependencies.contains("RefusedTracepoints"), "\(dependencies)")
        #expect((json["traits"] as? [[String: Any]] ?? []).contains { $0["name"] as? String == "LTTng" }, "\(json["traits"] ?? "")")
        #expect(try package.read("Package.swift").hasPrefix("// swift-tools-version: 6.3;(experimentalCGen)\n"))
    }

    // MARK: Steps

    static var tool: URL { TestPaths.productsDirectory.appending(path: "swift-tracetool") }

    static func tracetool(_ arguments: [String]) throws -> ProcessRunner.Result {
        try ProcessRunner.run(tool, arguments, timeout: 300)
    }

    /// A package in a fresh /tmp directory, made by `make` and committed to a new git repository.
    static func newPackage(named name: String, scratch: URL, make: (URL) throws -> Void) throws -> FixtureCopy {
        let root = try TestPaths.temporaryDirectory("init")
        let package = FixtureCopy(directory: root.appending(path: name), scratchPath: scratch)
        try FileManager.default.createDirectory(at: package.directory, withIntermediateDirectories: true)
        try make(package.directory)
        _ = try git(["init", "-q"], in: package)
        _ = try git(["add", "-A"], in: package)
        _ = try git(["-c", "user.name=test", "-c", "user.email=test@example.invalid", "commit", "-qm", "before init"], in: package)
        return package
    }

    static func remove(_ package: FixtureCopy) {
        try? FileManager.default.removeItem(at: package.directory.deletingLastPathComponent())
    }

    /// Runs init, then checks what it changed: Package.swift gains lines at its end and the tools-version
    /// suffix, nothing else; the dependency names this checkout; a second init changes nothing.
    static func initAndExpectOnlyAdditions(_ package: FixtureCopy, arguments: [String]) throws {
        try expectOnlyAdditions(package) { try tracetool(["init", "--package-path", package.directory.path] + arguments) }
    }

    /// Runs `setUp` (init, or the command plugin), then checks what it changed, as above.
    static func expectOnlyAdditions(_ package: FixtureCopy, setUp: () throws -> ProcessRunner.Result) throws {
        let original = try package.read("Package.swift")
        let result = try setUp()
        #expect(result.status == 0, "\(result.combined)")

        let diff = try git(["diff", "--unified=0", "--", "Package.swift"], in: package).components(separatedBy: "\n")
        let removed = diff.filter { $0.hasPrefix("-") && !$0.hasPrefix("---") }
        let added = diff.filter { $0.hasPrefix("+") && !$0.hasPrefix("+++") }
        let firstLine = String(original.prefix { $0 != "\n" })
        #expect(removed == ["-\(firstLine)"], "init changed or removed lines of Package.swift:\n\(diff.joined(separator: "\n"))")
        #expect(added.first == "+\(firstLine);(experimentalCGen)", "\(diff.joined(separator: "\n"))")
        let edited = try package.read("Package.swift")
        // Byte for byte: below line 1 the old manifest is the new one's beginning.
        #expect(edited.drop { $0 != "\n" }.hasPrefix(original.drop { $0 != "\n" }), "\(edited)")
        let status = try git(["status", "--porcelain", "--untracked-files=all"], in: package).split(separator: "\n").map(String.init)
        #expect(status.filter { !$0.hasPrefix("??") } == [" M Package.swift"], "init changed other files: \(status)")

        try expectDependencyOnThisCheckout(edited, package: package)

        let before = try snapshot(package)
        let again = try setUp()
        #expect(again.status == 0, "\(again.combined)")
        #expect(again.combined.contains("already set up"), "\(again.combined)")
        #expect(try snapshot(package) == before, "a second init changed files")
    }

    /// The `.package(name: "swift-trace-events", path: "...")` line names this checkout; from /tmp, which
    /// shares only `/` with it, by its absolute path. A checkout in a directory named `swift-trace-events`
    /// (a plain `git clone`) needs no `name:` (SwiftPM names a path dependency after its last component), and
    /// `init` writes none; a line the package's author wrote may still have one.
    static func expectDependencyOnThisCheckout(_ manifest: String, package: FixtureCopy) throws {
        let line = try #require(manifest.components(separatedBy: "\n").first { $0.contains(".package(") && $0.contains("path: \"") }, "\(manifest)")
        if TestPaths.packageRoot.standardizedFileURL.lastPathComponent != "swift-trace-events" {
            #expect(line.contains("name: \"swift-trace-events\""), "\(line)")
        }
        let path = try #require(line.components(separatedBy: "path: \"").dropFirst().first?.components(separatedBy: "\"").first)
        // Relative to the package's directory as a directory (a base URL without the flag resolves from its parent).
        let base = URL(fileURLWithPath: package.directory.path, isDirectory: true)
        let resolved = URL(fileURLWithPath: path, relativeTo: base).standardizedFileURL.resolvingSymlinksInPath()
        #expect(resolved.path == TestPaths.packageRoot.standardizedFileURL.resolvingSymlinksInPath().path, "\(line)")
        let shared = zip(package.directory.pathComponents, TestPaths.packageRoot.pathComponents).prefix { $0 == $1 }.count
        if shared <= 1 { #expect(path.hasPrefix("/"), "a relative path through / instead of the absolute one: \(line)") }
    }

    /// The one event of the starter trace-events init wrote.
    static func starterEvent(of package: FixtureCopy) throws -> String {
        let events = try TraceEventsLoader.load(path: package.url("trace-events").path).file.events
        try #require(events.count == 1, "the starter trace-events has \(events.count) events")
        return events[0].name
    }

    /// `swift build`, then `swift run PRODUCT` with the event on: its stderr line carries the argument.
    static func expectBuildAndRunPrint(_ package: FixtureCopy, product: String, event: String, argument: String) throws {
        let build = try package.build(timeout: 1500)
        #expect(build.status == 0, "\(build.combined.suffix(6000))")
        guard build.status == 0 else { return }
        var environment = ProcessInfo.processInfo.environment
        environment["TRACE_EVENTS"] = event
        let run = try SwiftPM.run(
            ["run", "--package-path", package.directory.path, "--scratch-path", package.scratchPath.path, product],
            environment: environment, timeout: 600)
        #expect(run.status == 0, "\(run.combined.suffix(6000))")
        // QEMU's log line: TID@SECONDS.MICROSECONDS:NAME MESSAGE.
        let line = run.error.split(separator: "\n").first { $0.contains(":\(event) ") }
        #expect(line?.wholeMatch(of: /[0-9]+@[0-9]+\.[0-9]{6}:[a-z_0-9]+ .*/) != nil && line?.hasSuffix(argument) == true,
            "no \(event) line ending in '\(argument)' on stderr:\n\(run.error.suffix(3000))")
    }

    /// Applies what init printed when it refused: the tools-version line, the block at the end of
    /// Package.swift, and each file.
    static func apply(manualSteps text: String, to package: FixtureCopy) throws {
        var sections: [(header: String, lines: [String])] = []
        for line in text.components(separatedBy: "\n") {
            if line.hasPrefix("Package.swift, line 1: ") {
                sections.append((line, []))
            } else if line.hasSuffix(":"), line == "Package.swift, at the end:" || line == "trace-events:" || line.hasPrefix("Sources/") {
                sections.append((String(line.dropLast()), []))
            } else if !sections.isEmpty {
                sections[sections.count - 1].lines.append(line)
            }
        }
        let headers = sections.map(\.header)
        try #require(headers.count == 5 && headers.contains("Package.swift, at the end") && headers.contains("trace-events"), "\(text)")
        var manifest = try package.read("Package.swift")
        for (header, lines) in sections {
            // Each printed text ends with its newline, then a blank line before the next header.
            let body = lines.dropLast().joined(separator: "\n")
            if header.hasPrefix("Package.swift, line 1: ") {
                manifest = String(header.dropFirst("Package.swift, line 1: ".count)) + manifest.drop { $0 != "\n" }
            } else if header == "Package.swift, at the end" {
                manifest += body
            } else {
                try write(body, to: package.url(header))
            }
        }
        try write(manifest, to: package.url("Package.swift"))
    }

    // MARK: Files

    static func write(_ text: String, to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    /// Every file of the package but git's and the build's, relative path → bytes.
    static func snapshot(_ package: FixtureCopy) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: package.directory.path)
        while let relative = enumerator?.nextObject() as? String {
            if relative == ".git" || relative == ".build" { enumerator?.skipDescendants(); continue }
            var isDirectory: ObjCBool = false
            let url = package.url(relative)
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            files[relative] = try Data(contentsOf: url)
        }
        return files
    }

    static func git(_ arguments: [String], in package: FixtureCopy) throws -> String {
        let result = try ProcessRunner.run(tool: "git", arguments, in: package.directory, timeout: 60)
        guard result.status == 0 else { throw TestFailure("git \(arguments.joined(separator: " ")) failed: \(result.combined)") }
        return result.output
    }
}
