/// A C type as QEMU's trace-events files may spell it: one of QEMU's allowed base types, optionally
/// `const`, with any number of `*`. Besides today's list, older dialects' types read too: `float` and
/// `double` (QEMU 2.x) and the `TCGv*` types of `tcg` events (QEMU 2.2 to 6.2).
public struct CType: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The base types QEMU's tracetool accepts (scripts/tracetool/__init__.py, ALLOWED_TYPES).
    public enum Base: String, Hashable, Sendable, Codable, CaseIterable {
        case void
        case bool
        case char
        case signedChar = "signed char"
        case unsignedChar = "unsigned char"
        case short
        case unsignedShort = "unsigned short"
        case int
        case unsignedInt = "unsigned int"
        case long
        case unsignedLong = "unsigned long"
        case longLong = "long long"
        case unsignedLongLong = "unsigned long long"
        case int8 = "int8_t"
        case uint8 = "uint8_t"
        case int16 = "int16_t"
        case uint16 = "uint16_t"
        case int32 = "int32_t"
        case uint32 = "uint32_t"
        case int64 = "int64_t"
        case uint64 = "uint64_t"
        case size = "size_t"
        case ssize = "ssize_t"
        case uintptr = "uintptr_t"
        case ptrdiff = "ptrdiff_t"
        /// `float`: passed to printf as a `double` (QEMU 2.x files).
        case float
        /// `double` (QEMU 2.x files).
        case double
        /// `TCGv`: a target-long TCG value; QEMU's tracetool records it as `uint64_t` at execution time.
        case tcgv = "TCGv"
        /// `TCGv_i32`: recorded as `uint32_t` at execution time.
        case tcgvI32 = "TCGv_i32"
        /// `TCGv_i64`: recorded as `uint64_t` at execution time.
        case tcgvI64 = "TCGv_i64"
        /// `TCGv_ptr`: recorded as `void *` at execution time.
        case tcgvPtr = "TCGv_ptr"
        /// `TCGv_env`: the CPU state pointer in TCG code; recorded as `void *` at execution time.
        case tcgvEnv = "TCGv_env"

        /// The host type a TCG value has when its execution-time event runs (QEMU's `TCG_2_HOST`),
        /// or nil for a type that is not a TCG type.
        public var tcgHostType: CType? {
            switch self {
            case .tcgv, .tcgvI64: CType(base: .uint64)
            case .tcgvI32: CType(base: .uint32)
            case .tcgvPtr, .tcgvEnv: CType(base: .void, pointerDepth: 1)
            default: nil
            }
        }
    }

    /// What a value of the type is, for formats, code generation and tracepoint fields.
    public enum Kind: Hashable, Sendable {
        /// `char *` or `const char *`: a NUL-terminated string (possibly NULL).
        case string
        /// Any other pointer.
        case pointer
        /// `bool`.
        case bool
        /// An integer of the given signedness and width in bits (LP64 Linux: `long` is 64 bits).
        case integer(signed: Bool, bits: Int)
        /// `float` or `double` of the given width in bits; printf receives both as `double`.
        case floating(bits: Int)
        /// A `TCGv*` value of a `tcg` event: only meaningful once mapped to its host type.
        case tcg
        /// `void` without a pointer: only valid as the whole argument list.
        case void
    }

    /// The base type.
    public var base: Base
    /// Whether the type was written with `const` (before or after the base type).
    public var isConst: Bool
    /// The number of `*`.
    public var pointerDepth: Int

    /// Creates a type.
    public init(base: Base, isConst: Bool = false, pointerDepth: Int = 0) {
        self.base = base
        self.isConst = isConst
        self.pointerDepth = pointerDepth
    }

    /// The canonical C spelling: `const char *`, `uint64_t`, `void **`.
    public var description: String {
        var text = isConst ? "const \(base.rawValue)" : base.rawValue
        if pointerDepth > 0 { text += " " + String(repeating: "*", count: pointerDepth) }
        return text
    }

    /// What a value of this type is.
    public var kind: Kind {
        if pointerDepth == 1 && base == .char { return .string }
        if pointerDepth > 0 { return .pointer }
        switch base {
        case .void: return .void
        case .bool: return .bool
        case .char, .signedChar, .int8: return .integer(signed: true, bits: 8)
        case .unsignedChar, .uint8: return .integer(signed: false, bits: 8)
        case .short, .int16: return .integer(signed: true, bits: 16)
        case .unsignedShort, .uint16: return .integer(signed: false, bits: 16)
        case .int, .int32: return .integer(signed: true, bits: 32)
        case .unsignedInt, .uint32: return .integer(signed: false, bits: 32)
        case .long, .longLong, .int64, .ssize, .ptrdiff: return .integer(signed: true, bits: 64)
        case .unsignedLong, .unsignedLongLong, .uint64, .size, .uintptr: return .integer(signed: false, bits: 64)
        case .float: return .floating(bits: 32)
        case .double: return .floating(bits: 64)
        case .tcgv, .tcgvI32, .tcgvI64, .tcgvPtr, .tcgvEnv: return .tcg
        }
    }
}
