/// The argument a printf conversion asks for on LP64 glibc, as gcc's `-Wformat` judges it.
///
/// gcc compares the argument's type with the wanted type after the default argument promotions, so
/// `%hhx`, `%hx`, `%x` and `%c` all accept any integer of at most 32 bits (and `bool`); signedness is
/// ignored (that needs `-Wformat-signedness`); and `long` and `long long` are different types even though
/// both are 64 bits, so `%lx` rejects `unsigned long long` and `%llx` rejects `uint64_t` (which is
/// `unsigned long` on LP64).
enum ConversionExpectation: Equatable {
    /// An integer that promotes to `int` or `unsigned int`.
    case promotedInteger(wanted: String)
    /// A 64-bit integer of rank `long`: `long`, `size_t`, `int64_t`, `uintptr_t`, ...
    case longInteger(wanted: String)
    /// A 64-bit integer of rank `long long`.
    case longLongInteger(wanted: String)
    /// A pointer to characters.
    case string
    /// Any pointer.
    case pointer
    /// A `double` (a `float` argument is promoted to one).
    case floating
    /// No argument (`%m`).
    case nothing

    /// What `conversion` expects, or nil when its length modifier makes no sense with its conversion
    /// character (gcc: "use of 'h' length modifier with 's' type character").
    init?(_ conversion: FormatConversion) {
        guard let specifier = conversion.specifier else { return nil }
        let length = conversion.length
        switch specifier {
        case "d", "i", "o", "u", "x", "X":
            let unsigned = specifier != "d" && specifier != "i"
            switch length {
            case .none, .hh, .h: self = .promotedInteger(wanted: unsigned ? "unsigned int" : "int")
            case .l: self = .longInteger(wanted: unsigned ? "unsigned long" : "long")
            case .z: self = .longInteger(wanted: unsigned ? "size_t" : "ssize_t")
            case .j: self = .longInteger(wanted: unsigned ? "uintmax_t" : "intmax_t")
            case .t: self = .longInteger(wanted: "ptrdiff_t")
            case .ll: self = .longLongInteger(wanted: unsigned ? "unsigned long long" : "long long")
            }
        case "c":
            guard length == .none else { return nil }
            self = .promotedInteger(wanted: "int")
        case "s":
            guard length == .none else { return nil }
            self = .string
        case "p":
            guard length == .none else { return nil }
            self = .pointer
        case "f", "F", "e", "E", "g", "G", "a", "A":
            // C99 lets `l` stand before a floating conversion without effect; gcc warns about the others.
            guard length == .none || length == .l else { return nil }
            self = .floating
        case "m":
            guard length == .none else { return nil }
            self = .nothing
        default:
            return nil
        }
    }

    /// The C type named in messages.
    var wantedTypeName: String {
        switch self {
        case .promotedInteger(let wanted), .longInteger(let wanted), .longLongInteger(let wanted): wanted
        case .string: "char *"
        case .pointer: "void *"
        case .floating: "double"
        case .nothing: "nothing"
        }
    }

    /// Whether gcc accepts an argument of `type` without a `-Wformat` warning.
    func accepts(_ type: CType) -> Bool {
        switch self {
        case .promotedInteger: type.promotesToInt
        case .longInteger: type.pointerDepth == 0 && Self.longRank.contains(type.base)
        case .longLongInteger: type.pointerDepth == 0 && Self.longLongRank.contains(type.base)
        case .string: type.pointsToCharacters
        case .pointer: type.pointerDepth > 0
        case .floating: if case .floating = type.kind { true } else { false }
        case .nothing: false
        }
    }

    /// The 64-bit types that are `long` or `unsigned long` on LP64 glibc.
    static let longRank: Set<CType.Base> = [.long, .unsignedLong, .int64, .uint64, .size, .ssize, .uintptr, .ptrdiff]
    /// The 64-bit types that are `long long` or `unsigned long long`.
    static let longLongRank: Set<CType.Base> = [.longLong, .unsignedLongLong]
}

extension CType {
    /// Whether a value of this type becomes an `int` or `unsigned int` when passed to printf: any
    /// integer of at most 32 bits, and `bool`.
    var promotesToInt: Bool {
        switch kind {
        case .bool: true
        case .integer(_, let bits): bits <= 32
        case .string, .pointer, .void, .floating, .tcg: false
        }
    }

    /// Whether gcc lets `%s` print it: a single pointer to `char`, `signed char` or `unsigned char`.
    var pointsToCharacters: Bool {
        pointerDepth == 1 && [.char, .signedChar, .unsignedChar, .int8, .uint8].contains(base)
    }
}
