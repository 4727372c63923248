import BenchEvents
import BenchPlainEvents
import BenchUSDTEvents
import CBaseline
import Foundation
import Logging
import TraceEvents
import TraceEventsLogging

/// Every call site the harness times and counts instructions of, by the identifier child runs take.
enum CallSiteCase: String, CaseIterable {
    /// Generated Swift `trace_bench_off()`, its event off everywhere.
    case offSwift = "off.swift"
    /// C `lttng_ust_tracepoint()` of an event no session enables.
    case offC = "off.c"
    /// QEMU's call site of the same event with its log and ust backends: two checks, two calls (C, -O2).
    case offQEMUStyleC = "off.c-qemu"
    /// swift-log `logger.trace` below the logger's level.
    case offSwiftLog = "off.swift-log"
    /// Generated Swift `trace_bench_plain_off()` (neither LTTng nor USDT: the trait off), event off.
    case offPlainSwift = "off.plain.swift"
    /// QEMU's call site of the same event with only its log backend: its dynamic state checked (C, -O2).
    case offPlainC = "off.plain.c"
    /// Generated Swift `trace_bench_usdt_off()` (USDT backend, no LTTng), no tool attached, event off.
    case offUSDTSwift = "off.usdt.swift"
    /// C `DTRACE_PROBE3` behind its SDT semaphore, no tool attached.
    case offUSDTC = "off.usdt.c"
    /// Generated Swift `trace_bench_str2()` recorded by LTTng.
    case str2Swift = "lttng.str2.swift"
    /// C `lttng_ust_tracepoint()` of an enabled event with a string and two integers.
    case str2C = "lttng.str2.c"
    /// Generated Swift `trace_bench_int10()` recorded by LTTng.
    case int10Swift = "lttng.int10.swift"
    /// C `lttng_ust_tracepoint()` of an enabled event with ten integers.
    case int10C = "lttng.int10.c"
    /// Generated Swift `trace_bench_line()` through our stderr backend.
    case lineSwift = "stderr.swift"
    /// C `fprintf(stderr, ...)` of QEMU's log-backend line.
    case lineFprintf = "stderr.fprintf"
    /// swift-log `StreamLogHandler` writing the same message to stderr.
    case lineSwiftLog = "stderr.swift-log"
    /// Generated Swift `trace_bench_line()` through the simple backend, to /dev/null.
    case simpleSwift = "simple.swift"
    /// C `fwrite()` of the same simple-trace record, to /dev/null.
    case simpleC = "simple.c"
    /// swift-log with `LTTngLogHandler`, recorded by LTTng as swift_log:message.
    case logLTTng = "swift-log.lttng"
    /// swift-log with `StreamLogHandler` to stderr, the same message.
    case logStream = "swift-log.stream"

    /// Whether the case needs an LTTng session recording its events.
    var needsLTTngSession: Bool { rawValue.hasPrefix("lttng.") || self == .logLTTng }

    /// Whether the case writes to standard error (child runs send it to /dev/null).
    var writesStandardError: Bool { rawValue.hasPrefix("stderr.") || self == .logStream }

    /// The share of the plan's callgrind iterations this case runs: valgrind runs about 50 times slower
    /// than the machine, and a stderr line costs thousands of instructions where an off event costs a few.
    var callgrindShare: Double {
        if rawValue.hasPrefix("stderr.") || rawValue.hasPrefix("simple.") || rawValue.hasPrefix("swift-log.") { return 0.05 }
        if needsLTTngSession { return 0.25 }
        return 1
    }

    /// Sets the case up and returns its body.
    ///
    /// - Throws: ``ProcessRunner/Failure`` when the events do not turn on in time.
    func prepare(_ inputs: BenchInputs) throws -> PreparedCase {
        switch self {
        case .offSwift:
            return try Self.offCalls(unless: BenchEventStates.isOn(.off), "bench_off is on in some backend") {
                BenchCallSites.off(name: inputs.name, offset: inputs.offset, size: inputs.size, count: $0)
            }
        case .str2Swift:
            try Self.waitUntil("ste_bench_swift:bench_str2 to be enabled") { BenchEventStates.isOn(.str2) }
            return PreparedCase {
                BenchCallSites.str2(name: inputs.name, offset: inputs.offset, size: inputs.size, count: $0)
            }
        case .int10Swift:
            try Self.waitUntil("ste_bench_swift:bench_int10 to be enabled") { BenchEventStates.isOn(.int10) }
            return PreparedCase { BenchCallSites.int10(base: inputs.offset, count: $0) }
        case .lineSwift:
            // Created after any redirection of descriptor 2, as a program's backend is at start-up.
            let backend = StderrTraceBackend(lineFormat: .timestamped)
            return try Self.lineEvents(inputs, to: backend) {
                backend.droppedLineCount == 0 ? "" : "our backend dropped \(backend.droppedLineCount) lines"
            }
        case .offC:
            return try Self.offCalls(unless: ste_bench_c_tracepoint_enabled("off") != 0, Self.cOffEnabled) {
                ste_bench_c_off_calls(inputs.cName, inputs.offset, inputs.size, $0)
            }
        case .offQEMUStyleC:
            return try Self.offCalls(unless: ste_bench_c_tracepoint_enabled("off") != 0, Self.cOffEnabled) {
                ste_bench_c_off_qemu_calls(inputs.cName, inputs.offset, inputs.size, $0)
            }
        case .offSwiftLog:
            let logger = SwiftLogCallSites.logger(level: .info)
            return PreparedCase { SwiftLogCallSites.traceBelowLevel(logger, inputs, count: $0) }
        case .offPlainSwift:
            return try Self.offCalls(unless: BenchPlainCallSites.isOn, "bench_plain_off is on in a backend") {
                BenchPlainCallSites.off(name: inputs.name, offset: inputs.offset, size: inputs.size, count: $0)
            }
        case .offPlainC:
            return PreparedCase { ste_bench_c_plain_off_calls(inputs.cName, inputs.offset, inputs.size, $0) }
        case .offUSDTSwift:
            let refusal = "bench_usdt_off is on (a tool holds its probe or a backend has it)"
            return try Self.offCalls(unless: BenchUSDTCallSites.isOn, refusal) {
                BenchUSDTCallSites.off(name: inputs.name, offset: inputs.offset, size: inputs.size, count: $0)
            }
        case .offUSDTC:
            let refusal = "a tool holds ste_bench_c:bench_usdt_off"
            return try Self.offCalls(unless: ste_bench_c_usdt_attached() != 0, refusal) {
                ste_bench_c_usdt_off_calls(inputs.cName, inputs.offset, inputs.size, $0)
            }
        case .str2C:
            try Self.waitUntil("ste_bench_c:bench_str2 to be enabled") { ste_bench_c_tracepoint_enabled("str2") != 0 }
            return PreparedCase { ste_bench_c_str2_calls(inputs.cName, inputs.offset, inputs.size, $0) }
        case .int10C:
            try Self.waitUntil("ste_bench_c:bench_int10 to be enabled") { ste_bench_c_tracepoint_enabled("int10") != 0 }
            return PreparedCase { ste_bench_c_int10_calls(inputs.offset, $0) }
        case .lineFprintf:
            return PreparedCase { ste_bench_c_fprintf_calls(inputs.cName, inputs.offset, inputs.size, $0) }
        case .lineSwiftLog:
            let logger = SwiftLogCallSites.logger(level: .info)
            return PreparedCase { SwiftLogCallSites.infoLines(logger, inputs, count: $0) }
        case .simpleSwift:
            let backend = try SimpleTraceBackend(path: "/dev/null")
            return try Self.lineEvents(inputs, to: backend) {
                backend.droppedEventCount == 0 ? ""
                    : "the simple backend dropped \(backend.droppedEventCount) records (buffer full)"
            }
        case .simpleC:
            guard let file = fopen("/dev/null", "w") else {
                throw ProcessRunner.Failure(description: "cannot open /dev/null")
            }
            return PreparedCase(
                body: { ste_bench_c_simple_calls(file, inputs.cName, inputs.offset, inputs.size, $0) },
                cleanup: { fclose(file) })
        case .logLTTng:
            try Self.waitUntil("swift_log:message to be enabled") { LTTngLogHandler.isRecording }
            var logger = Logger(label: "trace-bench") { LTTngLogHandler(label: $0) }
            logger.logLevel = .info
            return PreparedCase { [logger] in SwiftLogCallSites.infoLines(logger, inputs, count: $0) }
        case .logStream:
            let logger = SwiftLogCallSites.logger(level: .info)
            return PreparedCase { SwiftLogCallSites.infoLines(logger, inputs, count: $0) }
        }
    }

    /// `trace_bench_line()` calls with `backend` the only backend, the event on until the case finishes.
    /// Why a C event-off case refuses to run.
    private static let cOffEnabled = "ste_bench_c:bench_off is enabled by some session"

    /// An event-off case: `calls` as its body, unless the event is on, when an "off" figure would be a lie.
    ///
    /// - Throws: ``ProcessRunner/Failure`` saying `refusal` when `isOn`.
    private static func offCalls(
        unless isOn: Bool, _ refusal: String, _ calls: @escaping (UInt64) -> Void
    ) throws -> PreparedCase {
        guard !isOn else { throw ProcessRunner.Failure(description: "\(refusal); it must be off") }
        return PreparedCase(body: calls)
    }

    private static func lineEvents(
        _ inputs: BenchInputs, to backend: any TraceBackend, report: @escaping () -> String
    ) throws -> PreparedCase {
        TraceEvents.backends = [backend]
        TraceEvents.enable("bench_line")
        guard BenchEventStates.isOn(.line) else {
            throw ProcessRunner.Failure(description: "bench_line did not turn on")
        }
        return PreparedCase(
            body: { BenchCallSites.line(name: inputs.name, offset: inputs.offset, size: inputs.size, count: $0) },
            report: report,
            cleanup: {
                TraceEvents.disable("bench_line")
                TraceEvents.backends = []
            }
        )
    }

    /// Polls `condition` for up to 10 s: LTTng-UST enables tracepoints asynchronously after `lttng start`.
    static func waitUntil(_ what: String, _ condition: () -> Bool) throws {
        let deadline = MonotonicClock.now() + 10_000_000_000
        while !condition() {
            guard MonotonicClock.now() < deadline else {
                throw ProcessRunner.Failure(description: "timed out after 10 s waiting for \(what)")
            }
            usleep(10_000)
        }
    }
}
