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

/// Writes `text` to stderr unbuffered.
func writeStderr(_ text: String) {
    var bytes = Array(text.utf8)
    var offset = 0
    while offset < bytes.count {
        let written = bytes.withUnsafeMutableBytes { write(STDERR_FILENO, $0.baseAddress! + offset, $0.count - offset) }
        if written <= 0 { return }
        offset += written
    }
}

/// `1.5 MiB`-style sizes.
func formatBytes(_ bytes: UInt64) -> String {
    let units = ["B", "KiB", "MiB", "GiB"]
    var value = Double(bytes)
    var unit = 0
    while value >= 1024 && unit < units.count - 1 {
        value /= 1024
        unit += 1
    }
    return unit == 0 ? "\(bytes) B" : "\(formatFixed(value, 1)) \(units[unit])"
}

/// Seconds with sensible precision: `12.3 ms` or `1.234 s`.
func formatSeconds(_ seconds: Double) -> String {
    seconds < 1 ? "\(formatFixed(seconds * 1000, 1)) ms" : "\(formatFixed(seconds, 3)) s"
}

/// `value` with `digits` decimals, without Foundation.
func formatFixed(_ value: Double, _ digits: Int) -> String {
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let scaled = Int64((value * scale).rounded())
    let whole = scaled / Int64(scale)
    let fraction = String(abs(scaled % Int64(scale)))
    guard digits > 0 else { return String(whole) }
    return "\(whole).\(String(repeating: "0", count: digits - fraction.count))\(fraction)"
}
