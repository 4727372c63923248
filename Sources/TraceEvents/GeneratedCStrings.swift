// C strings for the generated code of tracer backends (LTTng-UST, USDT) that pass `const char *` to C. Kept
// apart from the runtime's dispatch so that every such backend shares one helper.

extension _GeneratedTraceSupport {
    /// Lends a C string for an optional Swift string (NULL for nil), as probe wrappers take it.
    @inlinable
    public static func withCString<Result>(_ string: String?, _ body: (UnsafePointer<CChar>?) -> Result) -> Result {
        guard let string else { return body(nil) }
        return string.withCString(body)
    }
}
