import Testing
import TraceEvents

/// Real QEMU event formats rendered the way the generator emits them (one append per piece, arguments widened by
/// their C type) against snprintf with the same C arguments: the shape of the per-event corpus test.
@Suite struct EventFormatDifferentialTests {
    static let rounds = 2_000

    // vfio_region_write(const char *name, int index, uint64_t addr, uint64_t data, unsigned size)
    //     " (%s:region%d+0x%"PRIx64", 0x%"PRIx64 ", %d)"
    static func vfioRegionWrite(_ name: String?, _ index: Int32, _ addr: UInt64, _ data: UInt64, _ size: UInt32)
        -> (message: PrintfBuffer, values: [TraceValue])
    {
        var m = PrintfBuffer()
        m.appendLiteral(" (")
        m.appendString(name, PrintfSpec(.s))
        m.appendLiteral(":region")
        m.appendSigned(Int64(index), PrintfSpec(.d))
        m.appendLiteral("+0x")
        m.appendUnsigned(addr, PrintfSpec(.x, length: .long))
        m.appendLiteral(", 0x")
        m.appendUnsigned(data, PrintfSpec(.x, length: .long))
        m.appendLiteral(", ")
        m.appendSigned(Int64(truncatingIfNeeded: size), PrintfSpec(.d))
        m.appendLiteral(")")
        return (m, [.string(name), .signed(Int64(index)), .unsigned(addr), .unsigned(data), .unsigned(UInt64(size))])
    }

    // asc_write_fifo(const char fifo, int reg, unsigned size, int wrptr, int cnt, uint64_t value)
    //     "fifo %c reg=0x%03x size=%u wptr=0x%x cnt=0x%x value=0x%"PRIx64
    static func ascWriteFifo(_ fifo: Int8, _ reg: Int32, _ size: UInt32, _ wrptr: Int32, _ cnt: Int32, _ value: UInt64)
        -> (message: PrintfBuffer, values: [TraceValue])
    {
        var m = PrintfBuffer()
        m.appendLiteral("fifo ")
        m.appendCharacter(Int64(fifo), PrintfSpec(.c))
        m.appendLiteral(" reg=0x")
        m.appendUnsigned(UInt64(bitPattern: Int64(reg)), PrintfSpec(.x, flags: [.zeroPad], width: 3))
        m.appendLiteral(" size=")
        m.appendUnsigned(UInt64(size), PrintfSpec(.u))
        m.appendLiteral(" wptr=0x")
        m.appendUnsigned(UInt64(bitPattern: Int64(wrptr)), PrintfSpec(.x))
        m.appendLiteral(" cnt=0x")
        m.appendUnsigned(UInt64(bitPattern: Int64(cnt)), PrintfSpec(.x))
        m.appendLiteral(" value=0x")
        m.appendUnsigned(value, PrintfSpec(.x, length: .long))
        let values: [TraceValue] = [
            .signed(Int64(fifo)), .signed(Int64(reg)), .unsigned(UInt64(size)), .signed(Int64(wrptr)),
            .signed(Int64(cnt)), .unsigned(value),
        ]
        return (m, values)
    }

    @Test func vfioRegionWriteMatchesSnprintf() {
        var random = SeededRandom(seed: 0xF10)
        let names: [String?] = [nil, "", "0000:00:02.0", "vfio-pci ünïcode"]
        for _ in 0..<Self.rounds {
            let (message, values) = Self.vfioRegionWrite(
                names.randomElement(using: &random)!, Int32(truncatingIfNeeded: random.next()), random.next(),
                random.next() >> UInt64.random(in: 0...63, using: &random), UInt32(truncatingIfNeeded: random.next()))
            let expected = PrintfOracle.render(" (%s:region%d+0x%lx, 0x%lx, %d)", values: values)
            #expect(message.bytes == expected)
        }
    }

    @Test func ascWriteFifoMatchesSnprintf() {
        var random = SeededRandom(seed: 0xA5C)
        for _ in 0..<Self.rounds {
            let (message, values) = Self.ascWriteFifo(
                Int8(truncatingIfNeeded: random.next()), Int32(truncatingIfNeeded: random.next() >> 50),
                UInt32(truncatingIfNeeded: random.next()), -Int32(truncatingIfNeeded: random.next() >> 60),
                Int32(truncatingIfNeeded: random.next()), random.next())
            let expected = PrintfOracle.render("fifo %c reg=0x%03x size=%u wptr=0x%x cnt=0x%x value=0x%lx", values: values)
            #expect(message.bytes == expected)
        }
    }
}
