/// The USDT backend: one SystemTap SDT probe per enabled event (`<sys/sdt.h>`, Debian's systemtap-sdt-dev),
/// provider = the group, probe name = the event's name, arguments in order (strings as pointers, integers at
/// their width), for gdb, perf, bpftrace and SystemTap, as QEMU's `dtrace` backend. Each probe has an SDT
/// semaphore, which a tool increments while it is attached; the semaphore joins the trace function's combined
/// check, so a program nobody probes spends nothing on the arguments. Compiled into the C target when it is
/// built with `STE_USDT` (the package's `USDT` trait) and called from Swift under `#if USDT`.
public struct USDTBackend: CodeGenerationBackend {
    /// `<sys/sdt.h>` has probe macros for at most 12 arguments.
    public static let argumentLimit = 12

    /// The Swift compilation condition the probe calls sit under.
    public static let swiftCondition = "USDT"

    /// The C macro a C target defines (from the `USDT` trait) to compile the probes.
    public static let cMacro = "STE_USDT"

    /// Creates the backend.
    public init() {}

    /// `usdt`.
    public var name: String { "usdt" }

    /// QEMU's name for it.
    public var aliases: [String] { ["dtrace"] }

    /// The package's `USDT` trait defines the macro in the C target.
    public var cCompilationCondition: String? { "defined(\(Self.cMacro))" }

    /// The semaphore `<sys/sdt.h>` names `PROVIDER_NAME_semaphore`.
    static func semaphore(_ event: EventDeclaration, _ context: GenerationContext) -> String {
        "\(context.names.group)_\(event.name)_semaphore"
    }

    /// Reports events with more arguments than a probe can carry.
    public func check(_ event: EventDeclaration, in context: GenerationContext) -> Diagnostic? {
        guard !event.isDisabled, event.arguments.count > Self.argumentLimit else { return nil }
        return Diagnostic(
            .error,
            "USDT probe '\(context.names.group):\(event.name)' has \(event.arguments.count) arguments; <sys/sdt.h> allows at most \(Self.argumentLimit)",
            at: event.location
        )
    }

    /// Fires the probe when a tool holds the semaphore, under `#if USDT`.
    public func swiftCode(for event: EventDeclaration, context: GenerationContext) throws -> SwiftBackendCode? {
        let helperName = "_steUSDT_\(event.name)"
        return SwiftBackendCode(
            compilationCondition: Self.swiftCondition,
            state: "\(context.symbol(event, "_usdt_on"))()",
            call: "\(helperName)(\(SwiftWriter.argumentList(event)))",
            helper: CArgumentPassing.helper(named: helperName, for: event, calling: context.symbol(event, "_usdt"))
        )
    }

    /// The semaphores, their loads and the probe functions, as Swift sees them (no `<sys/sdt.h>` needed).
    public func cHeader(_ context: GenerationContext) -> String {
        let guardMacro = "STE_\(context.names.group.uppercased())_USDT_H"
        var text = """
            #ifndef \(guardMacro)
            #define \(guardMacro)
            /* USDT probes (provider '\(context.names.group)'), defined by the C source when the target defines \(Self.cMacro)
             * (the package's USDT trait). A semaphore is non-zero while a tool (gdb, perf, bpftrace, SystemTap) is
             * attached to its probe; Swift reads it only under `#if USDT`. */

            """
        for event in context.file.events where !event.isDisabled {
            let semaphore = Self.semaphore(event, context)
            text += "extern unsigned short \(semaphore);\n"
            text += "static inline uint32_t \(context.symbol(event, "_usdt_on"))(void) { return *(volatile unsigned short *)&\(semaphore); }\n"
            text += "void \(context.symbol(event, "_usdt"))(\(CArgumentPassing.cParameters(event)));\n"
        }
        return text + "#endif /* \(guardMacro) */\n"
    }

    /// Semaphores before `<sys/sdt.h>` is first included (another header may include it).
    public func cSourcePrologue(_ context: GenerationContext) -> String {
        """
        /* With USDT, this file defines the SDT probes and their semaphores. */
        #if defined(\(Self.cMacro))
        #define _SDT_HAS_SEMAPHORES 1
        #endif

        """
    }

    /// One semaphore and one probe function per enabled event.
    public func cSource(_ context: GenerationContext) -> String {
        var text = """
            #if defined(\(Self.cMacro))
            #if !__has_include(<sys/sdt.h>)
            #error "the USDT trait is on but <sys/sdt.h> is missing: apt-get install systemtap-sdt-dev"
            #endif
            #include <sys/sdt.h>


            """
        for event in context.file.events where !event.isDisabled {
            let names = event.arguments.map(\.name)
            let probe = names.isEmpty ? "STAP_PROBE" : "STAP_PROBE\(names.count)"
            let arguments = ([context.names.group, event.name] + names).joined(separator: ", ")
            text += "__extension__ unsigned short \(Self.semaphore(event, context)) __attribute__((unused)) __attribute__((section(\".probes\")));\n"
            text += "void \(context.symbol(event, "_usdt"))(\(CArgumentPassing.cParameters(event))) { \(probe)(\(arguments)); }\n"
        }
        return text + "#endif /* \(Self.cMacro) */\n"
    }
}
