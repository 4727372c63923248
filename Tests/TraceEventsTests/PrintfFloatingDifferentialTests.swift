import Testing
@testable import TraceEvents

/// Floating-point conversions (older QEMU dialects' `float`/`double` arguments) rendered by PrintfBuffer and
/// by glibc's snprintf must agree byte for byte, for random and edge values, flags, widths and precisions.
@Suite struct PrintfFloatingDifferentialTests {
    static let conversions: [PrintfFloatingConversion] = [.f, .F, .e, .E, .g, .G, .a, .A]
    static let casesPerConversion = 3_000

    /// Values where rounding, carries, exponents and special cases go wrong first.
    static let edgeValues: [Double] = [
        0, -0.0, 1, -1, 0.5, 1.5, 2.5, -2.5, 0.125, 0.375, 9.5, 99.5, 0.05, 0.95, 9.999_999_5, 999_999.5,
        1e-5, 1e-4, 0.000_123_45, 123_456, 1_234_567, 1e15, 1e16, 1e21, 1e22, 1e23, 1e-300, 1e300,
        .leastNonzeroMagnitude, .leastNormalMagnitude, .greatestFiniteMagnitude, .infinity, -.infinity, .nan,
        -Double.nan, 1.0 / 3, 2.0 / 3, .pi, 1.9375, 0x1.fffffffffffffp0, 0x1.8p0, 100, 1e6, 1e-7,
        Double(Float.greatestFiniteMagnitude), Double(Float(0.1)),
    ]

    struct Case: CustomStringConvertible {
        var format: String
        var spec: PrintfFloatingSpec
        var stars: [Int32]
        var value: Double
        var description: String { "format \(format) value \(value) (bits 0x\(String(value.bitPattern, radix: 16)))" }
    }

    static func randomValue(_ random: inout SeededRandom) -> Double {
        switch Int.random(in: 0..<5, using: &random) {
        case 0: return edgeValues.randomElement(using: &random)!
        case 1: return Double(bitPattern: random.next())
        case 2: return Double(Int64.random(in: -100_000...100_000, using: &random)) / 1000
        case 3: return Double(Int.random(in: -999...999, using: &random)) * pow10(Int.random(in: -30...30, using: &random))
        default: return Double.random(in: -1e6...1e6, using: &random)
        }
    }

    static func pow10(_ exponent: Int) -> Double {
        var value = 1.0
        for _ in 0..<exponent.magnitude { value = exponent < 0 ? value / 10 : value * 10 }
        return value
    }

    static func randomCase(_ conversion: PrintfFloatingConversion, using random: inout SeededRandom) -> Case {
        var format = "%"
        var flags: PrintfFlags = []
        var table: [(Character, PrintfFlags)] = [
            ("-", .leftJustify), ("+", .forceSign), (" ", .spaceSign), ("#", .alternate), ("0", .zeroPad),
        ]
        table.shuffle(using: &random)
        for (character, flag) in table where Int.random(in: 0..<4, using: &random) == 0 {
            format.append(character)
            flags.insert(flag)
        }
        var spec = PrintfFloatingSpec(conversion, flags: flags)
        var stars: [Int32] = []
        switch Int.random(in: 0..<4, using: &random) {
        case 0: break
        case 1, 2:
            spec.width = Int32.random(in: 1...30, using: &random)
            format += "\(spec.width!)"
        default:
            spec.width = Int32.random(in: -30...30, using: &random)
            stars.append(spec.width!)
            format += "*"
        }
        switch Int.random(in: 0..<6, using: &random) {
        case 0, 1: break
        case 2:
            spec.precision = 0
            format += "."
        case 3, 4:
            spec.precision = Int32.random(in: 0...(Bool.random(using: &random) ? 20 : 60), using: &random)
            format += ".\(spec.precision!)"
        default:
            spec.precision = Int32.random(in: -4...25, using: &random)
            stars.append(spec.precision!)
            format += ".*"
        }
        if Int.random(in: 0..<5, using: &random) == 0 { format += "l" }  // `l` has no effect on floating conversions
        format.append(conversion.character)
        return Case(format: format, spec: spec, stars: stars, value: randomValue(&random))
    }

    @Test("PrintfBuffer equals snprintf for floating conversions", arguments: conversions)
    func matchesSnprintf(_ conversion: PrintfFloatingConversion) {
        var random = SeededRandom(seed: 0xF10A_7000 + UInt64(conversion.rawValue))
        var mismatches: [String] = []
        var cases = 0
        var check: [Case] = Self.edgeValues.map { Case(format: "%" + String(conversion.character), spec: PrintfFloatingSpec(conversion), stars: [], value: $0) }
        for _ in 0..<Self.casesPerConversion { check.append(Self.randomCase(conversion, using: &random)) }
        for testCase in check {
            var buffer = PrintfBuffer()
            buffer.appendFloating(testCase.value, testCase.spec)
            let arguments = testCase.stars.map { OracleArgument.slot(UInt64(bitPattern: Int64($0))) } + [.double(testCase.value)]
            let expected = PrintfOracle.render(testCase.format, arguments)
            cases += 1
            if buffer.bytes != expected, mismatches.count < 10 {
                mismatches.append("\(testCase): C \"\(String(decoding: expected, as: UTF8.self))\" Swift \"\(buffer.text)\"")
            }
        }
        print("floating %\(conversion.character): \(cases) cases compared with snprintf")
        #expect(mismatches.isEmpty, "\(mismatches.joined(separator: "\n"))")
    }
}

extension PrintfFloatingConversion {
    var character: Character {
        switch self {
        case .f: "f"
        case .F: "F"
        case .e: "e"
        case .E: "E"
        case .g: "g"
        case .G: "G"
        case .a: "a"
        case .A: "A"
        }
    }
}
