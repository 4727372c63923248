import Foundation
import TraceEvents

/// The test events: the file their `trace_` functions are generated from, and a scope that fires them.
public enum TestEvents {
    /// The trace-events file, for tests that hand it to another reader of trace-events files (QEMU's
    /// simpletrace.py decodes the simple backend's records with it).
    public static let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appending(path: "trace-events")

    /// Runs `body` with `backends` installed and the events `pattern` matches on, then turns them off and removes
    /// the backends. Both are process-wide: a suite that calls this is serialized.
    public static func firing<Result>(
        _ pattern: String, to backends: [any TraceBackend], _ body: () throws -> Result
    ) rethrows -> Result {
        TraceEvents.backends = backends
        TraceEvents.enable(pattern)
        defer {
            TraceEvents.disable(pattern)
            TraceEvents.backends = []
        }
        return try body()
    }
}
