import Testing
@testable import TraceEvents

/// Random conversions rendered by PrintfBuffer and by glibc's snprintf must agree byte for byte.
@Suite struct PrintfDifferentialTests {
    static let conversions: [PrintfConversion] = [.d, .i, .u, .x, .X, .o, .c, .s, .p]
    static let casesPerConversion = 4_000

    /// Values at every integer width's edges, where truncation and sign handling go wrong first.
    static let edgeIntegers: [UInt64] = {
        var values: [UInt64] = [0, 1, 2, 7, 8, 9, 10, 15, 16, 255, 256, 300, 0xffff, 0x10000, 0xdead_beef]
        let signed: [Int64] = [
            -1, -2, -10, Int64(Int8.min), Int64(Int8.max), Int64(Int16.min), Int64(Int16.max),
            Int64(Int32.min), Int64(Int32.max), Int64.min, Int64.max,
        ]
        values += signed.map { UInt64(bitPattern: $0) }
        values += [UInt64(UInt8.max), UInt64(UInt16.max), UInt64(UInt32.max), UInt64.max, 1 << 32, (1 << 32) + 1]
        return values
    }()

    static let strings: [String?] = [
        nil, "", "a", "abc", "vfio", "0000:00:02.0", "with spaces ", "héllo wörld", "日本語テキスト", "🙂🚀", "tab\there",
        String(repeating: "x", count: 40), "ümlaut-ß",
    ]

    struct Case: CustomStringConvertible {
        var format: String
        var spec: PrintfSpec
        var starWidth: Int32?
        var starPrecision: Int32?
        var value: OracleArgument
        var asSigned: Bool

        var description: String { "format \(format) value \(value) signed-call \(asSigned)" }
    }

    static func randomCase(_ conversion: PrintfConversion, using random: inout SeededRandom) -> Case {
        var format = "%"
        var flags: PrintfFlags = []
        var flagCharacters: [(Character, PrintfFlags)] = [
            ("-", .leftJustify), ("+", .forceSign), (" ", .spaceSign), ("#", .alternate), ("0", .zeroPad),
        ]
        flagCharacters.shuffle(using: &random)
        for (character, flag) in flagCharacters where Int.random(in: 0..<4, using: &random) == 0 {
            format.append(character)
            flags.insert(flag)
        }
        var width: Int32?
        var starWidth: Int32?
        switch Int.random(in: 0..<4, using: &random) {
        case 0: break
        case 1, 2:
            width = Int32.random(in: 1...24, using: &random)
            format += "\(width!)"
        default:
            starWidth = Int32.random(in: -24...24, using: &random)
            width = starWidth
            format += "*"
        }
        var precision: Int32?
        var starPrecision: Int32?
        switch Int.random(in: 0..<5, using: &random) {
        case 0, 1: break
        case 2:
            precision = 0
            format += "."
        case 3:
            precision = Int32.random(in: 0...22, using: &random)
            format += ".\(precision!)"
        default:
            starPrecision = Int32.random(in: -6...22, using: &random)
            precision = starPrecision
            format += ".*"
        }
        var length = PrintfLength.none
        let isInteger = [.d, .i, .u, .x, .X, .o].contains(conversion)
        if isInteger {
            let lengths: [(PrintfLength, String)] = [
                (.none, ""), (.char, "hh"), (.short, "h"), (.long, "l"), (.longLong, "ll"), (.size, "z"),
                (.intmax, "j"), (.ptrdiff, "t"),
            ]
            let chosen = lengths.randomElement(using: &random)!
            length = chosen.0
            format += chosen.1
        }
        format += String(UnicodeScalar(conversion.character))

        let value: OracleArgument
        switch conversion {
        case .s:
            value = .string(strings.randomElement(using: &random)!)
        case .c:
            value = .slot(Bool.random(using: &random) ? UInt64.random(in: 0...255, using: &random) : randomInteger(&random))
        default:
            value = .slot(randomInteger(&random))
        }
        let spec = PrintfSpec(conversion, flags: flags, width: width, precision: precision, length: length)
        return Case(format: format, spec: spec, starWidth: starWidth, starPrecision: starPrecision, value: value,
                    asSigned: Bool.random(using: &random))
    }

    static func randomInteger(_ random: inout SeededRandom) -> UInt64 {
        switch Int.random(in: 0..<4, using: &random) {
        case 0: edgeIntegers.randomElement(using: &random)!
        case 1: UInt64.random(in: 0...1000, using: &random)
        case 2: UInt64(bitPattern: Int64.random(in: -1000...1000, using: &random))
        default: random.next() >> UInt64.random(in: 0...63, using: &random)
        }
    }

    static func renderSwift(_ testCase: Case) -> [UInt8] {
        var buffer = PrintfBuffer()
        switch testCase.value {
        case .string(let text):
            buffer.appendString(text, testCase.spec)
        case .slot(let bits):
            switch testCase.spec.conversion {
            case .c: buffer.appendCharacter(Int64(bitPattern: bits), testCase.spec)
            case .p: buffer.appendPointer(UInt(bits), testCase.spec)
            default:
                if testCase.asSigned {
                    buffer.appendSigned(Int64(bitPattern: bits), testCase.spec)
                } else {
                    buffer.appendUnsigned(bits, testCase.spec)
                }
            }
        case .double:
            preconditionFailure("the integer, string and pointer cases take no double")
        }
        return buffer.bytes
    }

    static func renderC(_ testCase: Case) -> [UInt8] {
        var arguments: [OracleArgument] = []
        if let starWidth = testCase.starWidth { arguments.append(.slot(UInt64(bitPattern: Int64(starWidth)))) }
        if let starPrecision = testCase.starPrecision {
            arguments.append(.slot(UInt64(bitPattern: Int64(starPrecision))))
        }
        arguments.append(testCase.value)
        return PrintfOracle.render(testCase.format, arguments)
    }

    @Test("PrintfBuffer equals snprintf for random conversions", arguments: conversions)
    func matchesSnprintf(_ conversion: PrintfConversion) {
        var random = SeededRandom(seed: 0x5EED_0000 + UInt64(conversion.rawValue))
        var mismatches: [String] = []
        for _ in 0..<Self.casesPerConversion {
            let testCase = Self.randomCase(conversion, using: &random)
            let expected = Self.renderC(testCase)
            let actual = Self.renderSwift(testCase)
            if expected != actual, mismatches.count < 10 {
                mismatches.append("\(testCase): C \"\(String(decoding: expected, as: UTF8.self))\" "
                    + "Swift \"\(String(decoding: actual, as: UTF8.self))\"")
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.joined(separator: "\n"))")
    }

    /// Every combination of flag set, width kind, precision kind and length modifier, each with several values.
    @Test("Every flag/width/precision/length combination agrees with snprintf", arguments: conversions)
    func everyCombination(_ conversion: PrintfConversion) {
        let flagTable: [(Character, PrintfFlags)] = [
            ("-", .leftJustify), ("+", .forceSign), (" ", .spaceSign), ("#", .alternate), ("0", .zeroPad),
        ]
        let isInteger = [.d, .i, .u, .x, .X, .o].contains(conversion)
        let lengths: [(PrintfLength, String)] = isInteger
            ? [(.none, ""), (.char, "hh"), (.short, "h"), (.long, "l"), (.longLong, "ll"), (.size, "z"),
               (.intmax, "j"), (.ptrdiff, "t")]
            : [(.none, "")]
        enum Count { case none, fixed, starPositive, starNegative, dotOnly }
        let widths: [Count] = [.none, .fixed, .starPositive, .starNegative]
        let precisions: [Count] = [.none, .dotOnly, .fixed, .starPositive, .starNegative]
        let valuesPerCombination = 6
        var random = SeededRandom(seed: 0xC0B0 + UInt64(conversion.rawValue))
        var compared = 0
        var mismatches: [String] = []
        for flagBits in 0..<32 {
            for width in widths {
                for precision in precisions {
                    for length in lengths {
                        for _ in 0..<valuesPerCombination {
                            var format = "%"
                            var flags: PrintfFlags = []
                            for (bit, (character, flag)) in flagTable.enumerated() where flagBits & (1 << bit) != 0 {
                                format.append(character)
                                flags.insert(flag)
                            }
                            var spec = PrintfSpec(conversion, flags: flags, length: length.0)
                            var testCase = Case(format: "", spec: spec, starWidth: nil, starPrecision: nil,
                                                value: .slot(0), asSigned: Bool.random(using: &random))
                            switch width {
                            case .fixed:
                                spec.width = Int32.random(in: 1...20, using: &random)
                                format += "\(spec.width!)"
                            case .starPositive, .starNegative:
                                let magnitude = Int32.random(in: 0...20, using: &random)
                                spec.width = width == .starPositive ? magnitude : -magnitude
                                testCase.starWidth = spec.width
                                format += "*"
                            default: break
                            }
                            switch precision {
                            case .dotOnly:
                                spec.precision = 0
                                format += "."
                            case .fixed:
                                spec.precision = Int32.random(in: 0...20, using: &random)
                                format += ".\(spec.precision!)"
                            case .starPositive, .starNegative:
                                let magnitude = Int32.random(in: 0...20, using: &random)
                                spec.precision = precision == .starPositive ? magnitude : -magnitude
                                testCase.starPrecision = spec.precision
                                format += ".*"
                            case .none: break
                            }
                            format += length.1 + String(UnicodeScalar(conversion.character))
                            testCase.format = format
                            testCase.spec = spec
                            switch conversion {
                            case .s: testCase.value = .string(Self.strings.randomElement(using: &random)!)
                            default: testCase.value = .slot(Self.randomInteger(&random))
                            }
                            let expected = Self.renderC(testCase)
                            let actual = Self.renderSwift(testCase)
                            compared += 1
                            if expected != actual, mismatches.count < 10 {
                                mismatches.append("\(testCase): C \"\(String(decoding: expected, as: UTF8.self))\" "
                                    + "Swift \"\(String(decoding: actual, as: UTF8.self))\"")
                            }
                        }
                    }
                }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.joined(separator: "\n"))")
        print("printf %\(UnicodeScalar(conversion.character)): \(compared) combination cases compared with snprintf")
    }

    @Test("Multi-conversion formats with literals agree with snprintf")
    func multiConversionFormats() {
        var random = SeededRandom(seed: 0xF0F0)
        for _ in 0..<1_000 {
            var format = ""
            var arguments: [OracleArgument] = []
            var buffer = PrintfBuffer()
            for piece in 0..<Int.random(in: 1...5, using: &random) {
                let literal = " piece\(piece)=é "
                format += literal
                buffer.appendBytes(Array(literal.utf8))
                let testCase = Self.randomCase(Self.conversions.randomElement(using: &random)!, using: &random)
                format += testCase.format
                if let starWidth = testCase.starWidth { arguments.append(.slot(UInt64(bitPattern: Int64(starWidth)))) }
                if let starPrecision = testCase.starPrecision {
                    arguments.append(.slot(UInt64(bitPattern: Int64(starPrecision))))
                }
                arguments.append(testCase.value)
                buffer.appendBytes(Self.renderSwift(testCase))
            }
            format += "%%"
            buffer.appendLiteral("%")
            #expect(PrintfOracle.render(format, arguments) == buffer.bytes, "format \(format)")
        }
    }
}

extension PrintfConversion {
    /// The conversion's letter in a format string.
    var character: UInt8 {
        switch self {
        case .d: UInt8(ascii: "d")
        case .i: UInt8(ascii: "i")
        case .u: UInt8(ascii: "u")
        case .x: UInt8(ascii: "x")
        case .X: UInt8(ascii: "X")
        case .o: UInt8(ascii: "o")
        case .c: UInt8(ascii: "c")
        case .s: UInt8(ascii: "s")
        case .p: UInt8(ascii: "p")
        }
    }
}
