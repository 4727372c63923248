import Testing
import TraceEvents

/// Conversions whose glibc output is known by heart: truncation, signs, prefixes, padding, NULLs.
@Suite struct PrintfBufferTests {
    private func render(_ build: (inout PrintfBuffer) -> Void) -> String {
        var buffer = PrintfBuffer()
        build(&buffer)
        return buffer.text
    }

    @Test func truncatesAsVaArgDoes() {
        // %d of a uint32_t 0xffffffff is -1; %hhx of 300 is 2c; %x of int -1 is ffffffff.
        #expect(render { $0.appendUnsigned(0xffff_ffff, PrintfSpec(.d)) } == "-1")
        #expect(render { $0.appendSigned(300, PrintfSpec(.x, length: .char)) } == "2c")
        #expect(render { $0.appendSigned(-1, PrintfSpec(.x)) } == "ffffffff")
        #expect(render { $0.appendSigned(-1, PrintfSpec(.x, length: .long)) } == "ffffffffffffffff")
        #expect(render { $0.appendUnsigned(0x1_0000_0005, PrintfSpec(.u)) } == "5")
        #expect(render { $0.appendSigned(Int64.min, PrintfSpec(.d, length: .longLong)) } == "-9223372036854775808")
        #expect(render { $0.appendUnsigned(UInt64.max, PrintfSpec(.u, length: .size)) } == "18446744073709551615")
        #expect(render { $0.appendSigned(-32769, PrintfSpec(.d, length: .short)) } == "32767")
    }

    @Test func flagsWidthAndPrecision() {
        #expect(render { $0.appendUnsigned(0xab, PrintfSpec(.x, flags: .zeroPad, width: 8)) } == "000000ab")
        #expect(render { $0.appendUnsigned(0xab, PrintfSpec(.x, precision: 8)) } == "000000ab")
        #expect(render { $0.appendUnsigned(0xabc, PrintfSpec(.x, width: 2, precision: 2)) } == "abc")
        #expect(render { $0.appendUnsigned(5, PrintfSpec(.x, width: 2, precision: 2)) } == "05")
        #expect(render { $0.appendSigned(42, PrintfSpec(.d, flags: .forceSign)) } == "+42")
        #expect(render { $0.appendSigned(42, PrintfSpec(.d, flags: .spaceSign)) } == " 42")
        #expect(render { $0.appendSigned(-42, PrintfSpec(.d, flags: .zeroPad, width: 6)) } == "-00042")
        #expect(render { $0.appendUnsigned(255, PrintfSpec(.x, flags: .alternate)) } == "0xff")
        #expect(render { $0.appendUnsigned(255, PrintfSpec(.X, flags: [.alternate, .zeroPad], width: 8)) } == "0X0000FF")
        #expect(render { $0.appendUnsigned(0, PrintfSpec(.x, flags: .alternate)) } == "0")
        #expect(render { $0.appendUnsigned(8, PrintfSpec(.o, flags: .alternate)) } == "010")
        #expect(render { $0.appendUnsigned(0, PrintfSpec(.o, flags: .alternate, precision: 0)) } == "0")
        #expect(render { $0.appendUnsigned(0, PrintfSpec(.u, precision: 0)) } == "")
        #expect(render { $0.appendSigned(7, PrintfSpec(.d, width: -4)) } == "7   ")
        #expect(render { $0.appendSigned(7, PrintfSpec(.d, precision: -1)) } == "7")
    }

    @Test func characters() {
        #expect(render { $0.appendCharacter(65, PrintfSpec(.c)) } == "A")
        #expect(render { $0.appendCharacter(0x141, PrintfSpec(.c, width: 3)) } == "  A")
        #expect(render { $0.appendCharacter(66, PrintfSpec(.c, flags: .leftJustify, width: 3)) } == "B  ")
    }

    @Test func strings() {
        #expect(render { $0.appendString(nil, PrintfSpec(.s)) } == "(null)")
        #expect(render { $0.appendString(nil, PrintfSpec(.s, precision: 3)) } == "")
        #expect(render { $0.appendString("vfio", PrintfSpec(.s, width: 20)) } == String(repeating: " ", count: 16) + "vfio")
        #expect(render { $0.appendString("vfio", PrintfSpec(.s, flags: .leftJustify, width: 10)) } == "vfio      ")
        #expect(render { $0.appendString("abcdef", PrintfSpec(.s, precision: 2)) } == "ab")
        // Precision counts bytes: "é" is two bytes, so width 4 pads "é" with two spaces.
        #expect(render { $0.appendString("é", PrintfSpec(.s, width: 4)) }.utf8.count == 4)
        var buffer = PrintfBuffer()
        buffer.appendString("é", PrintfSpec(.s, precision: 1))
        #expect(buffer.bytes == [0xC3])
    }

    @Test func pointers() {
        #expect(render { $0.appendPointer(0, PrintfSpec(.p)) } == "(nil)")
        #expect(render { $0.appendPointer(0, PrintfSpec(.p, width: 8)) } == "   (nil)")
        #expect(render { $0.appendPointer(0, PrintfSpec(.p, precision: 2)) } == "(nil)")
        #expect(render { $0.appendPointer(0x7f12_3456, PrintfSpec(.p)) } == "0x7f123456")
        #expect(render { $0.appendPointer(0x1234, PrintfSpec(.p, flags: .zeroPad, width: 10)) } == "0x00001234")
    }

    @Test func literalsAndBytes() {
        var buffer = PrintfBuffer()
        buffer.appendLiteral(" (")
        buffer.appendString("dev", PrintfSpec(.s))
        buffer.appendLiteral(") size 0x")
        buffer.appendUnsigned(4096, PrintfSpec(.x, length: .long))
        buffer.appendBytes([0xFF])
        buffer.appendLiteral("%")
        #expect(buffer.bytes == Array(" (dev) size 0x1000".utf8) + [0xFF, UInt8(ascii: "%")])
    }

    @Test func hugeWidthsAreClamped() {
        let text = render { $0.appendSigned(1, PrintfSpec(.d, width: Int32.max)) }
        #expect(text.utf8.count == PrintfBuffer.maximumFieldWidth)
    }
}
