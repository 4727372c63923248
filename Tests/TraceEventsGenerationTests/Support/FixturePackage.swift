import Foundation

/// The plugin fixture (Tests/Fixtures/TraceFixture), built once per trait setting and shared by every test
/// that needs it. Scratch paths under the package's .build keep repeated runs incremental.
actor FixturePackage {
    static let shared = FixturePackage()

    static let directory = TestPaths.packageRoot.appending(path: "Tests/Fixtures/TraceFixture")

    private var executables: [Bool: URL] = [:]

    /// The scratch path of one trait setting.
    static func scratchPath(lttng: Bool) -> URL {
        TestPaths.packageRoot.appending(path: ".build/fixtures/TraceFixture\(lttng ? "-lttng" : "")")
    }

    /// `swift build` of the fixture; the result of the build, whatever it is.
    static func build(lttng: Bool, timeout: TimeInterval = 900) throws -> ProcessRunner.Result {
        try ProcessRunner.run(
            tool: "swift",
            ["build", "--package-path", directory.path, "--scratch-path", scratchPath(lttng: lttng).path]
                + (lttng ? ["--traits", "LTTng,USDT"] : []),
            timeout: timeout
        )
    }

    /// The fixture's executable, built with the tracer traits (LTTng and USDT, one build for both) or without.
    func executable(lttng: Bool) throws -> URL {
        if let built = executables[lttng] { return built }
        // Planned afresh once per run: a plan cached before swift-trace-events gained a file leaves it out.
        SwiftPM.forgetBuildPlan(scratchPath: Self.scratchPath(lttng: lttng))
        var result = try Self.build(lttng: lttng)
        if result.status != 0, !result.timedOut {
            // SwiftPM 6.3's incremental build of a path dependency sometimes compiles a module against the
            // previous list of its sources right after files were added to it, and succeeds when run again.
            // A real error fails twice.
            result = try Self.build(lttng: lttng)
        }
        guard result.status == 0, !result.timedOut else {
            throw TestFailure("building the fixture (LTTng \(lttng)) failed:\n\(result.combined.suffix(6000))")
        }
        let url = Self.scratchPath(lttng: lttng).appending(path: "debug/TraceFixture")
        executables[lttng] = url
        return url
    }
}
