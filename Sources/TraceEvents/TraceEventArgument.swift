/// One declared argument of a trace event, as written in its trace-events file.
public struct TraceEventArgument: Sendable, Hashable, CustomStringConvertible {
    /// The C spelling of the type, e.g. `const char *` or `uint64_t`.
    public var type: String
    /// The argument's name.
    public var name: String

    /// Creates an argument declaration.
    public init(type: String, name: String) {
        self.type = type
        self.name = name
    }

    /// The declaration as C writes it, e.g. `uint64_t size` or `const char *name`.
    public var description: String {
        type.hasSuffix("*") ? "\(type)\(name)" : "\(type) \(name)"
    }
}
