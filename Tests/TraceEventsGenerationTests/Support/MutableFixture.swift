import Foundation

/// One copy of the plugin fixture (Tests/Fixtures/TraceFixture) that tests change and build, one test at a
/// time: each case starts from the fixture's files, and the copy keeps its scratch build directory, so after
/// the first full build a case rebuilds only what it changed (full builds are the slow part of the suite).
actor MutableFixture {
    static let shared = MutableFixture()

    /// The copy; its dependency on this package is an absolute path.
    static let directory = TestPaths.packageRoot.appending(path: ".build/fixtures/MutableFixture")
    /// Its scratch build directory.
    static let scratchPath = TestPaths.packageRoot.appending(path: ".build/fixtures/MutableFixture-build")

    /// Resets the copy to the fixture's files (rewriting only files whose bytes differ, so the build stays
    /// incremental), then runs `body` on it; no other case runs meanwhile.
    func run<T: Sendable>(_ body: @Sendable (FixtureCopy) throws -> T) throws -> T {
        try reset()
        return try body(FixtureCopy(directory: Self.directory, scratchPath: Self.scratchPath))
    }

    /// Runs `body` with the copy's scratch build directory while no case runs. Another package that depends
    /// on this one by the same absolute path, built there, reuses swift-trace-events' build products and
    /// compiles only its own targets (the next case rebuilds the copy's few). The cached build plan is
    /// removed before and after (``SwiftPM/forgetBuildPlan(scratchPath:)``), so each root package is planned.
    func withScratchPath<T: Sendable>(_ body: @Sendable (URL) throws -> T) throws -> T {
        SwiftPM.forgetBuildPlan(scratchPath: Self.scratchPath)
        defer { SwiftPM.forgetBuildPlan(scratchPath: Self.scratchPath) }
        return try body(Self.scratchPath)
    }

    /// The fixture's files, relative path → bytes, with the manifest's `../../..` made absolute.
    private func pristineFiles() throws -> [String: Data] {
        let source = FixturePackage.directory
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: source.path)
        while let relative = enumerator?.nextObject() as? String {
            if relative.hasPrefix(".build") || relative == "Package.resolved" { continue }
            var isDirectory: ObjCBool = false
            let url = source.appending(path: relative)
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            files[relative] = try Data(contentsOf: url)
        }
        let manifest = String(decoding: files["Package.swift"] ?? Data(), as: UTF8.self)
        let rewritten = manifest.replacingOccurrences(of: "path: \"../../..\"", with: "path: \"\(TestPaths.packageRoot.path)\"")
        guard rewritten != manifest else { throw TestFailure("the fixture's manifest no longer names the package as ../../..") }
        files["Package.swift"] = Data(rewritten.utf8)
        return files
    }

    private func reset() throws {
        let files = try pristineFiles()
        let manager = FileManager.default
        // Remove what a previous case added.
        if let enumerator = manager.enumerator(atPath: Self.directory.path) {
            while let relative = enumerator.nextObject() as? String {
                var isDirectory: ObjCBool = false
                let url = Self.directory.appending(path: relative)
                _ = manager.fileExists(atPath: url.path, isDirectory: &isDirectory)
                if isDirectory.boolValue {
                    if relative.hasPrefix(".build") { enumerator.skipDescendants() }
                    continue
                }
                if files[relative] == nil && relative != "Package.resolved" { try manager.removeItem(at: url) }
            }
        }
        for (relative, data) in files {
            let url = Self.directory.appending(path: relative)
            if let existing = try? Data(contentsOf: url), existing == data { continue }
            try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url)
        }
    }
}

/// The mutable fixture during one case.
struct FixtureCopy: Sendable {
    /// The package directory.
    let directory: URL
    /// Its scratch build directory.
    let scratchPath: URL

    /// The URL of a file of the package.
    func url(_ relative: String) -> URL { directory.appending(path: relative) }

    /// The text of a file of the package.
    func read(_ relative: String) throws -> String { try String(contentsOf: url(relative), encoding: .utf8) }

    /// Replaces a file's text with `transform` of it; fails when that changes nothing (the fixture moved on).
    func edit(_ relative: String, _ transform: (String) -> String) throws {
        let old = try read(relative)
        let new = transform(old)
        guard new != old else { throw TestFailure("editing \(relative) changed nothing: the fixture no longer has what the test changes") }
        try new.write(to: url(relative), atomically: true, encoding: .utf8)
    }

    /// `swift build` of the copy.
    func build(timeout: TimeInterval = 900) throws -> ProcessRunner.Result {
        try SwiftPM.run(["build", "--package-path", directory.path, "--scratch-path", scratchPath.path], timeout: timeout)
    }
}
