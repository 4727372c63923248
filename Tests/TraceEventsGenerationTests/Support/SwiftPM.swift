import Foundation

/// Runs `swift build`, `swift run` or `swift package` for the fixture tests.
enum SwiftPM {
    /// Runs `swift ARGUMENTS`, once more when SwiftPM itself crashed: on this machine SwiftPM 6.3 now and then
    /// dies of SIGSEGV in libdispatch's event loop (`_dispatch_event_loop_drain`) while it links a plugin's
    /// tool, whatever the package. Any other failure, and a crash of a tool SwiftPM runs (which SwiftPM
    /// reports and exits 1), is returned as it is.
    static func run(_ arguments: [String], environment: [String: String]? = nil, timeout: TimeInterval) throws -> ProcessRunner.Result {
        guard let swift = TestPaths.executable("swift") else { throw TestFailure("'swift' is not on PATH") }
        let result = try ProcessRunner.run(swift, arguments, environment: environment, timeout: timeout)
        guard crashed(result) else { return result }
        FileHandle.standardError.write(Data("note: swift \(arguments.first ?? "") crashed (SIGSEGV in SwiftPM itself); running it once more\n".utf8))
        return try ProcessRunner.run(swift, arguments, environment: environment, timeout: timeout)
    }

    /// Whether SwiftPM's own process died of a segmentation fault (its backtracer names its main thread).
    static func crashed(_ result: ProcessRunner.Result) -> Bool {
        result.status == 128 + 11 && result.combined.contains("*** Program crashed:")
            && (result.combined.contains("Thread 0 \"swift-build\"") || result.combined.contains("Thread 0 \"swift-package\"")
                || result.combined.contains("Thread 0 \"swift-run\""))
    }

    /// Removes the build plan SwiftPM cached in a scratch directory, so that the next build plans again.
    ///
    /// SwiftPM 6.3 may skip planning and build from the cached plan: the previous root package's graph
    /// (seen when another package was built in the same scratch directory after a build that failed past
    /// planning), or this package's dependency with the list of sources it had before (a file added to
    /// swift-trace-events was not compiled: "has no member"). The compiled products stay, and llbuild keeps
    /// what is up to date.
    static func forgetBuildPlan(scratchPath: URL) {
        for plan in ["debug.yaml", "debug/description.json"] {
            try? FileManager.default.removeItem(at: scratchPath.appending(path: plan))
        }
    }
}
