import CSwiftLogTracepoints
import Logging

/// A swift-log `LogHandler` that records every message as the LTTng-UST event `swift_log:message`, as LTTng's
/// Python and Java agents record those languages' logs: `lttng enable-event -u 'swift_log:*'` puts a program's
/// ordinary logs in the same trace as its trace events.
///
/// The event's fields: `level` (an enumeration of swift-log's levels, `trace` to `critical`), `label` (the
/// logger's), `message`, `metadata` (the handler's, the metadata provider's and the call's, merged in that order,
/// as sorted `key=value` pairs joined by spaces, as `StreamLogHandler` prints them), `source`, `file`, `function` and
/// `line`. When no session records the event, a message costs one check and nothing is rendered.
///
/// Without the package's `LTTng` trait (or without LTTng-UST's headers) the handler records nothing; see
/// ``isCompiled``. Combine it with other handlers through `MultiplexLogHandler`.
public struct LTTngLogHandler: LogHandler {
    /// Whether the provider was compiled with LTTng-UST: without it nothing is recorded.
    public static var isCompiled: Bool { ste_swift_log_is_compiled() }

    /// Whether a session records `swift_log:message` now (an application learns of a new session shortly after
    /// `lttng start`).
    public static var isRecording: Bool { ste_swift_log_enabled() }

    /// The logger's label, recorded with each message.
    public let label: String
    /// Messages below this level are not recorded (swift-log checks it before calling the handler).
    public var logLevel: Logger.Level = .info
    /// Metadata recorded with every message of this handler.
    public var metadata: Logger.Metadata = [:]
    /// Adds metadata (task-local context, say) to every message.
    public var metadataProvider: Logger.MetadataProvider?

    /// Creates a handler; pass it to `LoggingSystem.bootstrap` as `LTTngLogHandler.init(label:)`.
    public init(label: String, metadataProvider: Logger.MetadataProvider? = LoggingSystem.metadataProvider) {
        self.label = label
        self.metadataProvider = metadataProvider
    }

    /// Gets or sets one metadata value of this handler.
    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// Records the message when a session records `swift_log:message`.
    public func log(event: LogEvent) {
        guard ste_swift_log_enabled() else { return }
        let rendered = Self.render(merging: metadata, metadataProvider?.get() ?? [:], event.metadata ?? [:])
        withCStrings([label, event.message.description, rendered, event.source, event.file, event.function]) { strings in
            ste_swift_log_message(
                Self.levelNumber(event.level), strings[0], strings[1], strings[2], strings[3], strings[4], strings[5],
                UInt32(clamping: event.line))
        }
    }

    /// `key=value` pairs sorted by key, later dictionaries overriding earlier ones.
    static func render(merging layers: Logger.Metadata...) -> String {
        var merged: Logger.Metadata = [:]
        for layer in layers {
            merged.merge(layer) { _, new in new }
        }
        return merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
    }

    /// The level's position in swift-log's order, as the provider's `level` enumeration numbers it.
    static func levelNumber(_ level: Logger.Level) -> Int32 {
        Int32(Logger.Level.allCases.firstIndex(of: level) ?? 0)
    }
}

/// Calls `body` with NUL-terminated copies of `strings`, all in one allocation.
private func withCStrings<Result>(_ strings: [String], _ body: ([UnsafePointer<CChar>]) -> Result) -> Result {
    var bytes: [CChar] = []
    var offsets: [Int] = []
    for string in strings {
        offsets.append(bytes.count)
        bytes.append(contentsOf: string.utf8CString)
    }
    return bytes.withUnsafeBufferPointer { buffer in
        body(offsets.map { buffer.baseAddress! + $0 })
    }
}
