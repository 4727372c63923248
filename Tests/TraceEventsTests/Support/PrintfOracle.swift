import CPrintfOracle
import Glibc
import TraceEvents

/// One argument as the C oracle receives it: a 64-bit slot, or a string it passes by address.
enum OracleArgument {
    /// An integer or pointer slot, already widened to 64 bits.
    case slot(UInt64)
    /// A `const char *` argument; nil passes NULL.
    case string(String?)
    /// A `double` argument (a `float` one arrives widened).
    case double(Double)
}

/// The C library's `snprintf`, for comparison with ``PrintfBuffer``.
enum PrintfOracle {
    /// The bytes `snprintf(format, arguments...)` produces.
    static func render(_ format: String, _ arguments: [OracleArgument]) -> [UInt8] {
        render(formatBytes: Array(format.utf8), arguments)
    }

    /// The bytes `snprintf(format, arguments...)` produces, for a format given as raw bytes (formats may hold
    /// bytes that are not UTF-8, from `\xNN` escapes).
    static func render(formatBytes: [UInt8], _ arguments: [OracleArgument]) -> [UInt8] {
        guard let bytes = renderIfPossible(formatBytes: formatBytes, arguments) else {
            preconditionFailure("snprintf failed for \(String(decoding: formatBytes, as: UTF8.self))")
        }
        return bytes
    }

    /// The bytes `snprintf` produces, or nil when it fails (too many arguments, or an error such as EOVERFLOW).
    static func renderIfPossible(formatBytes: [UInt8], _ arguments: [OracleArgument]) -> [UInt8]? {
        let format = formatBytes.map { CChar(bitPattern: $0) } + [0]
        guard arguments.count <= Int(STE_ORACLE_MAX_ARGUMENTS) else { return nil }
        var ownedStrings: [UnsafeMutablePointer<CChar>] = []
        defer { ownedStrings.forEach { free($0) } }
        var doubles: [Double] = []
        let slots: [UInt64] = arguments.compactMap { argument in
            switch argument {
            case .slot(let value):
                return value
            case .string(nil):
                return 0
            case .string(let text?):
                let copy = strdup(text)!
                ownedStrings.append(copy)
                return UInt64(UInt(bitPattern: copy))
            case .double(let value):
                doubles.append(value)
                return nil
            }
        }
        guard doubles.count <= Int(STE_ORACLE_MAX_DOUBLES) else { return nil }
        var capacity = 256
        while true {
            var output = [CChar](repeating: 0, count: capacity)
            let length = Int(
                ste_oracle_snprintf_mixed(&output, capacity, format, slots, Int32(slots.count), doubles, Int32(doubles.count)))
            guard length >= 0 else { return nil }
            if length < capacity {
                return output[..<length].map { UInt8(bitPattern: $0) }
            }
            capacity = length + 1
        }
    }
}
