#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension TraceEvents {
    /// Sets up tracing at program start, like swift-log's `LoggingSystem.bootstrap` and QEMU's
    /// `trace_init_backends`: applies the events file, the environment variable and the given patterns, in that
    /// order, and installs the stderr backend, the simple backend when a file is named
    /// (``TraceEventsConfiguration/simpleTraceFile``, or `file=FILE` in a trace option, which wins) and any
    /// additional backends, replacing those installed before.
    ///
    /// Problems come back as values; ``bootstrapReporting(_:)`` also prints them. Nothing here exits or crashes.
    @discardableResult
    public static func bootstrap(_ configuration: TraceEventsConfiguration = TraceEventsConfiguration())
        -> TraceBootstrapReport
    {
        var report = TraceBootstrapReport()
        var lines: [TracePatternLine] = []
        if let path = configuration.eventsFile {
            switch TracePatternSource.patterns(inFile: path) {
            case .success(let fromFile): lines += fromFile
            case .failure(let diagnostic): report.diagnostics.append(diagnostic)
            }
        }
        if let value = configuration.environmentValue() {
            lines += TracePatternSource.patterns(inList: value, origin: configuration.environmentVariable)
        }
        var simpleTraceFile = configuration.simpleTraceFile
        for option in configuration.patterns {
            let (fromOption, problems, file) = TracePatternSource.parse(traceOption: option, origin: "--trace")
            lines += fromOption
            report.diagnostics += problems
            simpleTraceFile = file ?? simpleTraceFile
        }

        var patterns: [TracePatternLine] = []
        for line in lines {
            if line.isHelpRequest {
                report.isHelpRequested = true
            } else {
                patterns.append(line)
            }
        }

        var installed: [any TraceBackend] = []
        if let format = configuration.standardErrorLineFormat {
            installed.append(
                StderrTraceBackend(lineFormat: format, fileDescriptor: configuration.standardErrorFileDescriptor))
        }
        if let path = simpleTraceFile {
            // The previous simple backend, if any, closes first: the same file may be named again.
            backends = []
            do {
                installed.append(try SimpleTraceBackend(path: path))
            } catch {
                report.diagnostics.append(TraceDiagnostic(.error, error.description))
            }
        }
        installed += configuration.additionalBackends
        backends = installed
        report.diagnostics += apply(patterns)
        return report
    }

    /// ``bootstrap(_:)``, then prints each diagnostic as a line on standard error and, when `help` was asked
    /// for, the list of events on standard output.
    @discardableResult
    public static func bootstrapReporting(_ configuration: TraceEventsConfiguration = TraceEventsConfiguration())
        -> TraceBootstrapReport
    {
        let report = bootstrap(configuration)
        for diagnostic in report.diagnostics {
            writeAll(STDERR_FILENO, "\(diagnostic)\n")
        }
        if report.isHelpRequested {
            printListing()
        }
        return report
    }

    static func writeAll(_ fd: Int32, _ text: String) {
        var text = text
        text.withUTF8 { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 && errno == EINTR { continue }
                if written <= 0 { return }
                offset += written
            }
        }
    }
}
