#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import VFIOMigration

/// The progress display on stderr.
///
/// On a terminal it rewrites one line in place, but only when no trace events go to stderr, since a half-written
/// progress line would break trace lines. With `--progress` it prints whole lines instead, which interleave
/// cleanly with trace output.
final class ProgressLine {
    private enum Mode { case off, inPlace, lines }
    private let mode: Mode
    private var lastPrint = 0.0
    private var drawn = false

    init(forced: Bool, tracing: Bool) {
        if forced {
            mode = .lines
        } else if isatty(STDERR_FILENO) == 1 && !tracing {
            mode = .inPlace
        } else {
            mode = .off
        }
    }

    /// Shows `progress`, at most ten times a second unless the phase changed to completed.
    func show(_ progress: MigrationProgress) {
        guard mode != .off else { return }
        guard progress.elapsed - lastPrint >= 0.1 || progress.phase == .completed else { return }
        lastPrint = progress.elapsed
        let text = "[\(progress.phase)] iteration \(progress.iteration), sent \(formatBytes(progress.bytesSent)), "
            + "pending \(formatBytes(progress.pendingBytes)), \(formatSeconds(progress.elapsed))"
        switch mode {
        case .inPlace:
            writeStderr("\r\u{1B}[K" + text)
            drawn = true
        case .lines:
            writeStderr("progress: " + text + "\n")
        case .off:
            break
        }
    }

    /// Ends an in-place line so that what follows starts on a fresh line.
    func finish() {
        if mode == .inPlace && drawn { writeStderr("\r\u{1B}[K") }
        drawn = false
    }
}
