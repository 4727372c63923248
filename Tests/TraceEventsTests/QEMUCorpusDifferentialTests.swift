import Foundation
import Testing
import TestSupport
import TraceEvents
import TraceEventsGeneratorCore

/// Every event of QEMU's own trace-events files (../shared/qemu-trace-events), rendered with random arguments
/// the way generated code renders it, equals snprintf of the event's C format byte for byte.
@Suite struct QEMUCorpusDifferentialTests {
    static let roundsPerEvent = 16

    @Test(.needs(.shared)) func everySharedQEMUEventRendersAsSnprintfDoes() throws {
        try Self.compare(try TestData.shared.qemuCorpus().map(\.url), minimumEvents: 4_000)
    }

    @Test(.needs(.qemu72)) func everyQEMU72EventRendersAsSnprintfDoes() throws {
        try Self.compare(try TestData.qemu72.qemuCorpus().map(\.url), minimumEvents: 5_000)
    }

    static func compare(_ files: [URL], minimumEvents: Int) throws {

        var random = SplitMix64(seed: 0x9E3779B9)
        var events = 0
        var cases = 0
        var skipped: [String] = []
        var mismatches: [String] = []
        for url in files {
            let (file, _) = try TraceEventsLoader.load(path: url.path)
            for event in file.events {
                guard let format = event.format else { continue }
                var renderable = true
                let starArguments = Self.starArgumentIndices(format)
                for _ in 0..<Self.roundsPerEvent {
                    var values = event.arguments.map { Self.randomValue(for: $0.type, using: &random) }
                    for index in starArguments where index < values.count {
                        // Field widths from `*` stay small: glibc would pad to gigabytes, PrintfBuffer clamps.
                        values[index] = .signed(Int64.random(in: -30...30, using: &random))
                    }
                    guard let message = Self.render(format, values) else {
                        renderable = false
                        break
                    }
                    guard let expected = PrintfOracle.render(formatBytes: format.bytes, values: values) else {
                        mismatches.append("\(url.path): \(event.name): snprintf failed for \(format.source)")
                        break
                    }
                    cases += 1
                    if message.bytes != expected, mismatches.count < 10 {
                        mismatches.append("\(url.path): \(event.name) \(values): C \"\(String(decoding: expected, as: UTF8.self))\" Swift \"\(message.text)\"")
                    }
                }
                if renderable { events += 1 } else { skipped.append("\(url.path): \(event.name)") }
            }
        }
        print("QEMU corpus: \(cases) cases over \(events) events in \(files.count) files compared with snprintf; "
            + "\(skipped.count) events skipped (format and arguments do not fit)")
        #expect(mismatches.isEmpty, "\(mismatches.joined(separator: "\n"))")
        #expect(events > minimumEvents, "expected the whole QEMU corpus, compared \(events) events")
    }

    /// The indexes of the arguments that `*` widths and precisions consume.
    static func starArgumentIndices(_ format: EventFormat) -> Set<Int> {
        var indices: Set<Int> = []
        var next = 0
        for conversion in format.conversions {
            if conversion.width == .star { indices.insert(next); next += 1 }
            if conversion.precision == .star { indices.insert(next); next += 1 }
            next += 1
        }
        return indices
    }

    /// A random argument of a C type, widened as generated code widens it (signed types sign-extend).
    static func randomValue(for type: CType, using random: inout SplitMix64) -> TraceValue {
        switch type.kind {
        case .string:
            return .string([nil, "", "vfio", "0000:00:02.0", "ünïcødé", "a b\tc"].randomElement(using: &random)!)
        case .pointer:
            return .pointer(Bool.random(using: &random) ? 0 : UInt(truncatingIfNeeded: random.next()))
        case .bool:
            return .bool(Bool.random(using: &random))
        case .integer(let signed, let bits):
            var raw = random.next() >> UInt64.random(in: 0...63, using: &random)
            if Int.random(in: 0..<4, using: &random) == 0 { raw = [0, 1, UInt64.max, 1 << (bits - 1)].randomElement(using: &random)! }
            let shift = UInt64(64 - bits)
            if signed {
                return .signed(Int64(bitPattern: raw << shift) >> Int64(shift))
            }
            return .unsigned((raw << shift) >> shift)
        case .void:
            return .unsigned(0)
        }
    }

    /// The message generated code renders: one append per segment, arguments consumed in order (`*` counts
    /// first), mapped to appends as the generator's MessageRenderingWriter maps them. Nil when a conversion does
    /// not fit its argument (the generator rejects those events).
    static func render(_ format: EventFormat, _ values: [TraceValue]) -> PrintfBuffer? {
        var buffer = PrintfBuffer()
        var next = 0
        func take() -> TraceValue? {
            guard next < values.count else { return nil }
            defer { next += 1 }
            return values[next]
        }
        func count(_ count: FormatConversion.Count) -> Int32?? {
            switch count {
            case .none: return .some(nil)
            case .fixed(let value): return .some(Int32(value))
            case .star:
                switch take() {
                case .signed(let value): return .some(Int32(truncatingIfNeeded: value))
                case .unsigned(let value): return .some(Int32(truncatingIfNeeded: value))
                case .bool(let value): return .some(value ? 1 : 0)
                default: return nil
                }
            }
        }
        for segment in format.segments {
            switch segment {
            case .literal(let bytes):
                buffer.appendBytes(bytes)
            case .conversion(let conversion):
                guard let specifier = conversion.specifier, let kind = PrintfConversion(specifier),
                      let width = count(conversion.width), let precision = count(conversion.precision),
                      let value = take()
                else { return nil }
                var flags: PrintfFlags = []
                for flag in conversion.flags {
                    switch flag {
                    case "-": flags.insert(.leftJustify)
                    case "+": flags.insert(.forceSign)
                    case " ": flags.insert(.spaceSign)
                    case "#": flags.insert(.alternate)
                    case "0": flags.insert(.zeroPad)
                    default: break
                    }
                }
                let spec = PrintfSpec(kind, flags: flags, width: width, precision: precision,
                                      length: PrintfLength(conversion.length))
                switch (kind, value) {
                case (.s, .string(let text)): buffer.appendString(text, spec)
                case (.s, _), (_, .string): return nil
                case (.p, .pointer(let address)): buffer.appendPointer(address, spec)
                case (.p, .signed(let number)): buffer.appendPointer(UInt(bitPattern: Int(truncatingIfNeeded: number)), spec)
                case (.p, .unsigned(let number)): buffer.appendPointer(UInt(truncatingIfNeeded: number), spec)
                case (.p, .bool): return nil
                case (.c, _): buffer.appendCharacter(Int64(bitPattern: value.bits), spec)
                case (.d, _), (.i, _): buffer.appendSigned(Int64(bitPattern: value.bits), spec)
                default: buffer.appendUnsigned(value.bits, spec)
                }
            }
        }
        return buffer
    }
}

extension TraceValue {
    /// The 64-bit slot C passes for the value.
    fileprivate var bits: UInt64 {
        switch self {
        case .signed(let value): UInt64(bitPattern: value)
        case .unsigned(let value): value
        case .pointer(let value): UInt64(value)
        case .bool(let value): value ? 1 : 0
        case .string: 0
        }
    }
}

extension PrintfConversion {
    fileprivate init?(_ specifier: Character) {
        switch specifier {
        case "d": self = .d
        case "i": self = .i
        case "u": self = .u
        case "x": self = .x
        case "X": self = .X
        case "o": self = .o
        case "c": self = .c
        case "s": self = .s
        case "p": self = .p
        default: return nil
        }
    }
}

extension PrintfLength {
    fileprivate init(_ length: FormatConversion.Length) {
        switch length {
        case .none: self = .none
        case .hh: self = .char
        case .h: self = .short
        case .l: self = .long
        case .ll: self = .longLong
        case .z: self = .size
        case .j: self = .intmax
        case .t: self = .ptrdiff
        }
    }
}
