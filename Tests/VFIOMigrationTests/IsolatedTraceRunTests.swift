import Foundation
import Testing

/// Runs ``MigrationTraceTests`` in a test process of their own (see there for why).
enum IsolatedTraceRun {
    /// Set in the environment of the process that runs the trace tests.
    static let variable = "VFIO_MIGRATION_ISOLATED_TRACE_RUN"

    /// Whether this process is that one.
    static var isIsolated: Bool { ProcessInfo.processInfo.environment[variable] == "1" }
}

@Suite("isolated trace run", .enabled(if: !IsolatedTraceRun.isIsolated))
struct IsolatedTraceRunTests {
    @Test("the migration trace tests pass in a process of their own")
    func migrationTraces() throws {
        let testBinary = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var environment = ProcessInfo.processInfo.environment
        environment[IsolatedTraceRun.variable] = "1"
        let run = try ProcessRunner.run(
            testBinary, ["--testing-library", "swift-testing", "--filter", "MigrationTraceTests"],
            environment: environment, timeout: 120)
        #expect(run.status == 0 && !run.timedOut, "the isolated migration trace tests failed:\n\(run.combined)")
        // A filter that matched nothing, or tests that skipped, would also exit 0.
        let passed = run.combined.split(separator: "\n").filter { $0.contains("Test \"") && $0.contains(" passed after ") }
        #expect(passed.count == 3, "expected the 3 migration trace tests to pass:\n\(run.combined)")
        #expect(!run.combined.contains("skipped"), "\(run.combined)")
    }
}
