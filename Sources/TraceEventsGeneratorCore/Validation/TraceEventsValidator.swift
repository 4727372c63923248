/// Checks the meaning of a parsed file: formats against arguments (as `gcc -Wformat` would), names,
/// counts and QEMU's other rules. The parser has already reported syntax errors.
public struct TraceEventsValidator: Sendable {
    /// Creates a validator.
    public init() {}

    /// Every problem in `file`, in file order.
    public func validate(_ file: TraceEventsFile) -> [Diagnostic] {
        []
    }
}
