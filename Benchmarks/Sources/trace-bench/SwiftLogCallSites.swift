import Logging

/// swift-log's side of the comparisons: the call sites a Swift program using swift-log would write, with
/// the same message as the trace event.
enum SwiftLogCallSites {
    /// A logger writing to standard error at `level`, as `LoggingSystem.bootstrap(StreamLogHandler.standardError)`
    /// sets one up.
    static func logger(level: Logger.Level) -> Logger {
        var logger = Logger(label: "trace-bench") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = level
        return logger
    }

    /// `count` calls of `logger.trace` below the logger's level (.info): swift-log's "event off".
    static func traceBelowLevel(_ logger: Logger, _ inputs: BenchInputs, count: UInt64) {
        let name = inputs.name
        let size = inputs.size
        for index in 0..<count {
            let offset = inputs.offset &+ index
            logger.trace("bench_off name \(name) offset 0x\(String(offset, radix: 16)) size \(size)")
        }
    }

    /// `count` lines through `StreamLogHandler` with the stderr event's message.
    static func infoLines(_ logger: Logger, _ inputs: BenchInputs, count: UInt64) {
        let name = inputs.name
        let size = inputs.size
        for index in 0..<count {
            let offset = inputs.offset &+ index
            logger.info("bench_line name \(name) offset 0x\(String(offset, radix: 16)) size \(size)")
        }
    }
}
