/// One way an event leaves the program (the Swift runtime's dispatch, a tracer's probes, ...).
///
/// A backend contributes to each output format through these hooks; writers call every selected backend in
/// turn and name none. A backend lives in one file and is listed in ``CodeGenerationBackends/registered``.
public protocol CodeGenerationBackend: Sendable {
    /// The name `backends=` and `generate --backends` select it by.
    var name: String { get }
    /// Other names that select it: QEMU's `--enable-trace-backends` names.
    var aliases: [String] { get }
    /// A C preprocessor condition under which the backend's C part is compiled (`defined(STE_X)`, set by its
    /// package trait), or nil when it always is. The registry records which backends a provider was compiled
    /// with, so the runtime can tell a user why a tracer sees nothing.
    var cCompilationCondition: String? { get }
    /// The problem that keeps this backend from generating one event of the context's expanded file (e.g. a
    /// tracer's limit on name length), or nil. Per event, so that `check` can test a file one line at a time.
    func check(_ event: EventDeclaration, in context: GenerationContext) -> Diagnostic?
    /// Swift code for one enabled event, or nil when the backend has none for it.
    func swiftCode(for event: EventDeclaration, context: GenerationContext) throws -> SwiftBackendCode?
    /// Swift declarations emitted once per file (helpers the per-event code uses).
    func swiftFilePrologue(_ context: GenerationContext) -> String
    /// C header text after the registry declarations.
    func cHeader(_ context: GenerationContext) -> String
    /// C source text before the generated header is included (probe-creation defines).
    func cSourcePrologue(_ context: GenerationContext) -> String
    /// C source text after the registry tables.
    func cSource(_ context: GenerationContext) -> String
}

/// A backend's part of one generated trace function.
public struct SwiftBackendCode: Sendable {
    /// A Swift compilation condition the code sits under (the backend's package trait), or nil.
    public var compilationCondition: String?
    /// The backend's state for the event as a `UInt32`, non-zero when the backend wants it: one plain load,
    /// e.g. `_ste_g_e_on()`. The trace function ors every backend's state into its one check, and the
    /// out-of-line part tests each again before making the backend's call.
    public var state: String
    /// The call made when the state is non-zero; the arguments are the trace function's parameters.
    public var call: String
    /// The out-of-line function `call` calls.
    public var helper: String

    /// Creates a backend's part.
    public init(compilationCondition: String? = nil, state: String, call: String, helper: String) {
        self.compilationCondition = compilationCondition
        self.state = state
        self.call = call
        self.helper = helper
    }
}

extension CodeGenerationBackend {
    /// No other names by default.
    public var aliases: [String] { [] }
    /// Always compiled by default.
    public var cCompilationCondition: String? { nil }
    /// No checks by default.
    public func check(_ event: EventDeclaration, in context: GenerationContext) -> Diagnostic? { nil }
    /// No file prologue by default.
    public func swiftFilePrologue(_ context: GenerationContext) -> String { "" }
    /// No C source prologue by default.
    public func cSourcePrologue(_ context: GenerationContext) -> String { "" }
    /// No C source part by default.
    public func cSource(_ context: GenerationContext) -> String { "" }
}
