/// How C argument types and names appear in generated Swift.
enum SwiftTypeMapping {
    /// The Swift parameter type for a C argument type: exact width, C signedness.
    static func swiftType(_ type: CType) -> String {
        switch type.kind {
        case .string: return "String?"
        case .pointer: return "UnsafeRawPointer?"
        case .bool: return "Bool"
        case .void: return "Void"
        case .floating(let bits): return bits == 32 ? "Float" : "Double"
        // Generators see expanded events, where TCG values have their host types.
        case .tcg: return "UInt64"
        case .integer:
            switch type.base {
            case .char: return "CChar"
            case .signedChar, .int8: return "Int8"
            case .unsignedChar, .uint8: return "UInt8"
            case .short, .int16: return "Int16"
            case .unsignedShort, .uint16: return "UInt16"
            case .int, .int32: return "Int32"
            case .unsignedInt, .uint32: return "UInt32"
            case .long, .ssize, .ptrdiff: return "Int"
            case .unsignedLong, .size, .uintptr: return "UInt"
            case .longLong, .int64: return "Int64"
            case .unsignedLongLong, .uint64: return "UInt64"
            default: return "Never"  // unreachable: kind is not .integer
            }
        }
    }

    /// Swift's reserved words that cannot be parameter names without backticks.
    static let keywords: Set<String> = [
        "associatedtype", "class", "deinit", "enum", "extension", "fileprivate", "func", "import", "init",
        "inout", "internal", "let", "open", "operator", "private", "precedencegroup", "protocol", "public",
        "rethrows", "static", "struct", "subscript", "typealias", "var", "break", "case", "catch", "continue",
        "default", "defer", "do", "else", "fallthrough", "for", "guard", "if", "in", "repeat", "return",
        "throw", "switch", "where", "while", "Any", "as", "await", "false", "is", "nil", "super", "throws",
        "true", "try", "_", "consume", "borrowing", "consuming",
    ]

    /// The parameter name as generated code spells it: keywords in backticks; `self` and `Self`, which
    /// cannot name a parameter even in backticks, get a trailing underscore.
    static func parameterName(_ name: String) -> String {
        if name == "self" || name == "Self" || name == "Type" || name == "Protocol" { return name + "_" }
        return keywords.contains(name) ? "`\(name)`" : name
    }

    /// The expression that turns a parameter into the runtime's ``TraceValue`` case.
    static func traceValue(_ argument: EventArgument) -> String {
        let name = parameterName(argument.name)
        switch argument.type.kind {
        case .string: return ".string(\(name))"
        case .pointer: return ".pointer(UInt(bitPattern: \(name)))"
        case .bool: return ".bool(\(name))"
        case .integer(let signed, _): return signed ? ".signed(Int64(\(name)))" : ".unsigned(UInt64(\(name)))"
        case .floating: return ".floating(Double(\(name)))"
        case .void, .tcg: return ".unsigned(0)"
        }
    }

    /// A Swift string literal for bytes that are valid UTF-8, or nil when they are not.
    static func stringLiteral(_ bytes: [UInt8]) -> String? {
        guard let text = String(validating: bytes, as: UTF8.self) else { return nil }
        var literal = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": literal += "\\\\"
            case "\"": literal += "\\\""
            case "\n": literal += "\\n"
            case "\r": literal += "\\r"
            case "\t": literal += "\\t"
            case "\0": literal += "\\0"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    literal += "\\u{\(String(scalar.value, radix: 16))}"
                } else {
                    literal.unicodeScalars.append(scalar)
                }
            }
        }
        return literal + "\""
    }
}
