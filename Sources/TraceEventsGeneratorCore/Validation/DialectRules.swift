/// The rules about what older QEMU dialects allow in a declaration: `TCGv*` types belong to `tcg` events,
/// and `float`/`double` arguments, which QEMU 2.x files use, are read but noted, because QEMU 6.0 and
/// later restrict arguments to integer, `bool` and pointer types (tracetool commit 73ff061032).
enum DialectRules {
    /// The problems of `event`'s argument types for its properties.
    static func diagnostics(for event: EventDeclaration) -> [Diagnostic] {
        event.arguments.compactMap { argument in
            switch argument.type.kind {
            case .tcg where !event.isTCG:
                return Diagnostic(
                    .error,
                    "TCG type '\(argument.typeSpelling)' is only allowed in an event with the 'tcg' property",
                    at: argument.location)
            case .floating:
                return Diagnostic(
                    .warning,
                    "argument type '\(argument.typeSpelling)' reads as QEMU 2.x read it (a Swift \(argument.type.base == .float ? "Float" : "Double")); "
                        + "QEMU 6.0 and later reject floating-point arguments",
                    at: argument.location)
            default:
                return nil
            }
        }
    }
}
