import Foundation
import Logging
import Testing
import TestSupport
import TraceEventsLogging

/// swift-log messages recorded by a real LTTng session as `swift_log:message` and read back with babeltrace2.
@Suite(.serialized, .enabled(
    if: LTTngLogHandler.isCompiled || ProcessInfo.processInfo.environment["CI"] == "true",
    "the swift_log provider is compiled only with the LTTng trait (swift build --traits LTTng); with CI=true this fails instead"))
struct LTTngLogHandlerTests {
    @Test func everyFieldOfEveryMessageIsInTheTrace() throws {
        #expect(LTTngLogHandler.isCompiled, "built without the LTTng trait")
        let session = try LTTngSession.start(provider: "swift_log")
        defer { session.destroy() }
        let label = "ste.logtest.\(getpid())"
        var logger = Logger(label: label) { LTTngLogHandler(label: $0, metadataProvider: nil) }
        logger.logLevel = .trace
        logger[metadataKey: "handler"] = "kept"

        // The application learns of the session asynchronously: wait until the tracepoint is on.
        let deadline = Date().addingTimeInterval(15)
        while !LTTngLogHandler.isRecording && Date() < deadline { usleep(20_000) }
        try #require(LTTngLogHandler.isRecording, "swift_log:message never turned on")
        let line: UInt = #line + 1
        logger.warning("disk \"full\"", metadata: ["b": "2", "a": ["x", "y"], "handler": "call wins"], source: "ste.source")
        logger.trace("quiet one")
        logger.critical("last")

        let lines = try session.stopAndRead().split(separator: "\n").filter { $0.contains("swift_log:message") }
        try #require(lines.count == 3, "\(lines.joined(separator: "\n"))")
        let file = #fileID
        #expect(lines[0].contains(#"level = ( "warning" : container = 4 ), label = "\#(label)", message = "disk \"full\"", metadata = "a=[\"x\", \"y\"] b=2 handler=call wins", source = "ste.source", file = "\#(file)", function = "everyFieldOfEveryMessageIsInTheTrace()", line = \#(line) }"#), "\(lines[0])")
        #expect(lines[1].contains(#"level = ( "trace" : container = 0 ), label = "\#(label)", message = "quiet one", metadata = "handler=kept", source = "TraceEventsLoggingTests""#), "\(lines[1])")
        #expect(lines[2].contains(#"level = ( "critical" : container = 6 ), label = "\#(label)", message = "last""#), "\(lines[2])")
    }
}
