/// The format macros QEMU's own headers define and its `trace-events` files use between string
/// literals, expanded as QEMU defines them on a 64-bit Linux host.
///
/// - `HWADDR_PRId`, `HWADDR_PRIi`, `HWADDR_PRIo`, `HWADDR_PRIu`, `HWADDR_PRIx`, `HWADDR_PRIX`
///   (include/exec/hwaddr.h): `hwaddr` is `uint64_t`, so these are the `PRI…64` macros.
/// - `TARGET_FMT_plx` (include/exec/hwaddr.h): `"%016" PRIx64`.
/// - `RAM_ADDR_FMT` (include/exec/cpu-common.h): `"%" PRIx64` (or `PRIxPTR`, the same on LP64).
/// - `TARGET_FMT_lx`, `TARGET_FMT_ld`, `TARGET_FMT_lu` (include/exec/cpu-defs.h, later target_long.h):
///   they depend on the target's `TARGET_LONG_BITS` (`"%08x"`, `"%d"`, `"%u"` for 32-bit targets,
///   `"%016" PRIx64`, `"%" PRId64`, `"%" PRIu64` for 64-bit ones), which a file states with the
///   directive `# swift-tracetool: target-long-bits=64` (or `=32`) before it uses them.
public enum QEMUFormatMacros {
    /// What a macro name stands for.
    public enum Expansion: Equatable, Sendable {
        /// The bytes printf sees.
        case text(String)
        /// A target-dependent macro used before any `target-long-bits` directive.
        case needsTargetLongBits
        /// Not one of QEMU's format macros.
        case unknown
    }

    /// The directive key that sets the target's `TARGET_LONG_BITS`.
    public static let targetLongBitsKey = "target-long-bits"

    /// The expansion of `macro`; `targetLongBits` is the directive's value (32 or 64), if any.
    public static func expansion(of macro: String, targetLongBits: Int?) -> Expansion {
        if let pri = InttypesMacros.expansion(of: macro) { return .text(pri) }
        if macro.hasPrefix("HWADDR_PRI"), macro.count == 11, let conversion = macro.last, "diouxX".contains(conversion) {
            return .text("l" + String(conversion))
        }
        switch macro {
        case "TARGET_FMT_plx": return .text("%016lx")
        case "RAM_ADDR_FMT": return .text("%lx")
        case "TARGET_FMT_lx", "TARGET_FMT_ld", "TARGET_FMT_lu":
            guard let bits = targetLongBits else { return .needsTargetLongBits }
            let conversion = macro.last!
            if bits == 32 { return .text(conversion == "x" ? "%08x" : "%" + String(conversion)) }
            return .text(conversion == "x" ? "%016lx" : "%l" + String(conversion))
        default: return .unknown
        }
    }
}
