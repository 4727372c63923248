/// The LTTng-UST backend: one tracepoint per enabled event under the group's provider, compiled into the
/// C target when it is built with `STE_LTTNG` (the package's `LTTng` trait), and called from Swift under
/// `#if LTTng` through `static inline` wrappers that Swift inlines like C.
public struct LTTngBackend: CodeGenerationBackend {
    /// The Swift compilation condition the LTTng calls sit under.
    public static let swiftCondition = "LTTng"

    /// The C macro a C target defines (from the `LTTng` trait) to compile the probes.
    public static let cMacro = "STE_LTTNG"

    /// Creates the backend.
    public init() {}

    /// `lttng`.
    public var name: String { "lttng" }

    /// QEMU's name for it.
    public var aliases: [String] { ["ust"] }

    /// The package's `LTTng` trait defines the macro in the C target.
    public var cCompilationCondition: String? { "defined(\(Self.cMacro))" }

    /// The preprocessor macro that is 1 where the LTTng part of the header is compiled.
    static func headerMacro(_ context: GenerationContext) -> String { "STE_\(context.names.group.uppercased())_LTTNG" }

    /// Defines ``headerMacro(_:)``: in C where the target defines ``cMacro``, and for Swift whenever lttng-ust
    /// is installed, because Swift's importer does not see the C target's defines.
    static func headerMacroDefinition(_ context: GenerationContext) -> String {
        let macro = headerMacro(context)
        return """
            /* \(macro) is 1 where the LTTng-UST part below is compiled: in C when the target defines
             * \(cMacro) (the package's LTTng trait), and for Swift whenever lttng-ust is installed, because
             * Swift's importer does not see the C target's defines; Swift calls the wrappers only under
             * `#if LTTng`, so without the trait nothing refers to a tracepoint. */
            #ifndef \(macro)
            #if defined(\(cMacro))
            #  if !__has_include(<lttng/tracepoint.h>)
            #    error "the LTTng trait is on but <lttng/tracepoint.h> is missing: apt-get install liblttng-ust-dev"
            #  endif
            #  define \(macro) 1
            #elif defined(__swift__) && __has_include(<lttng/tracepoint.h>)
            #  define \(macro) 1
            #else
            #  define \(macro) 0
            #endif
            #endif

            """
    }

    /// Reports events whose tracepoint name exceeds lttng-ust's limit.
    public func check(_ event: EventDeclaration, in context: GenerationContext) -> Diagnostic? {
        let provider = context.names.provider
        guard !event.isDisabled, !LTTngNameLimit.fits(event: event.name, provider: provider) else { return nil }
        return Diagnostic(
            .error,
            "LTTng-UST tracepoint name '\(provider):\(event.name)' is too long: provider and event name have \(provider.utf8.count + event.name.utf8.count) bytes together, lttng-ust allows at most \(LTTngNameLimit.combinedLengthMax) (LTTNG_UST_TRACEPOINT_NAME_LEN_MAX); shorten the event or set a shorter provider with '# swift-tracetool: provider=NAME'",
            at: event.location
        )
    }

    /// Calls the tracepoint wrapper when the tracepoint is enabled, under `#if LTTng`.
    public func swiftCode(for event: EventDeclaration, context: GenerationContext) throws -> SwiftBackendCode? {
        let helperName = "_steLTTng_\(event.name)"
        let helper = CArgumentPassing.helper(named: helperName, for: event, calling: context.symbol(event, "_lttng"))
        return SwiftBackendCode(
            compilationCondition: Self.swiftCondition,
            state: "\(context.symbol(event, "_lttng_on"))()",
            call: "\(helperName)(\(SwiftWriter.argumentList(event)))",
            helper: helper
        )
    }

    /// The CTF field recording one argument under its own name.
    static func field(_ argument: EventArgument) -> String {
        let name = argument.name
        switch argument.type.kind {
        case .string: return "lttng_ust_field_string(\(name), \(name) ? \(name) : \"(null)\")"
        case .pointer: return "lttng_ust_field_integer_hex(uintptr_t, \(name), \(name))"
        case .bool: return "lttng_ust_field_integer(bool, \(name), \(name))"
        case .floating: return "lttng_ust_field_float(\(argument.type.base.rawValue), \(name), \(name))"
        case .integer, .void, .tcg: return "lttng_ust_field_integer(\(argument.type.base.rawValue), \(name), \(name))"
        }
    }

    /// The tracepoint definitions (lttng-gen-tp style) and the wrappers Swift calls.
    public func cHeader(_ context: GenerationContext) -> String {
        let events = context.file.events.filter { !$0.isDisabled }
        let provider = context.names.provider
        let macro = Self.headerMacro(context)
        let tpGuard = "STE_\(context.names.group.uppercased())_TRACEPOINTS_H"
        let wrapperGuard = "STE_\(context.names.group.uppercased())_LTTNG_WRAPPERS_H"
        var text = Self.headerMacroDefinition(context) + """
            /* LTTng-UST provider '\(provider)', as lttng-gen-tp writes it. The header is read again by
             * <lttng/tracepoint-event.h> (LTTNG_UST_TRACEPOINT_HEADER_MULTI_READ) to create the probes. */
            #if \(macro)
            #undef LTTNG_UST_TRACEPOINT_PROVIDER
            #define LTTNG_UST_TRACEPOINT_PROVIDER \(provider)
            #undef LTTNG_UST_TRACEPOINT_INCLUDE
            #define LTTNG_UST_TRACEPOINT_INCLUDE "\(context.headerName)"
            #if !defined(\(tpGuard)) || defined(LTTNG_UST_TRACEPOINT_HEADER_MULTI_READ)
            #define \(tpGuard)
            #include <lttng/tracepoint.h>

            """
        for event in events {
            let args = event.arguments.map { "\(CArgumentPassing.cType($0.type)), \($0.name)" }
            text += "LTTNG_UST_TRACEPOINT_EVENT(\n    \(provider),\n    \(event.name),\n"
            text += "    LTTNG_UST_TP_ARGS(\(args.joined(separator: ", "))),\n"
            text += "    LTTNG_UST_TP_FIELDS(\n"
            for argument in event.arguments { text += "        \(Self.field(argument))\n" }
            text += "    )\n)\n"
        }
        text += """
            #endif /* \(tpGuard) */
            #include <lttng/tracepoint-event.h>
            #endif /* \(macro) */

            /* Wrappers Swift calls: Swift cannot expand the tracepoint macros, but inlines these. */
            #if \(macro) && !defined(\(wrapperGuard))
            #define \(wrapperGuard)

            """
        for event in events {
            let names = event.arguments.map(\.name)
            // The state that lttng_ust_tracepoint_enabled() tests, without its conversion to bool, so that it
            // ors into the trace function's one check.
            text += "static inline uint32_t \(context.symbol(event, "_lttng_on"))(void) { return (uint32_t)CMM_LOAD_SHARED(lttng_ust_tracepoint_\(provider)___\(event.name).state); }\n"
            text += "static inline void \(context.symbol(event, "_lttng"))(\(CArgumentPassing.cParameters(event))) {\n"
            text += "    lttng_ust_do_tracepoint(\(([provider, event.name] + names).joined(separator: ", ")));\n}\n"
        }
        text += "#endif /* \(wrapperGuard) */\n"
        return text
    }

    /// The one-time note when the provider's tracepoints cannot register.
    public func cSource(_ context: GenerationContext) -> String {
        """
        #if defined(\(Self.cMacro))
        #include <stdio.h>

        /* lttng-ust says that a provider's tracepoints could not be registered only when LTTNG_UST_DEBUG is
         * set. Say it once, plainly, so that an empty trace is not a mystery. This constructor runs after
         * lttng-ust's, which this file defined earlier. */
        __attribute__((constructor)) static void \(context.groupSymbol("_check_lttng"))(void) {
            if (!lttng_ust_tracepoint_dlopen_ptr || !lttng_ust_tracepoint_dlopen_ptr->liblttngust_handle) {
                fprintf(stderr, "swift-trace-events: LTTng-UST provider '%s' could not register its tracepoints "
                    "(%s could not be loaded): LTTng records none of its events; the other trace backends keep working\\n",
                    \(CLiteral.string(context.names.provider)), LTTNG_UST_TRACEPOINT_LIB_SONAME);
            }
        }
        #endif

        """
    }

    /// The defines that make this file the provider (probes and tracepoint definitions).
    public func cSourcePrologue(_ context: GenerationContext) -> String {
        """
        /* With LTTng, this file is the provider: it defines the tracepoints and creates their probes. */
        #if defined(\(Self.cMacro))
        #define LTTNG_UST_TRACEPOINT_CREATE_PROBES
        #define LTTNG_UST_TRACEPOINT_DEFINE
        #endif

        """
    }
}
