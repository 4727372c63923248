/// A PNG reader in Python's standard library (zlib), as an oracle for what a screenshot shows: it prints the
/// image's size, the number of distinct colours, and how many pixels have each colour asked for (`#rrggbb`).
enum PNGColours {
    static let script = #"""
    import struct, sys, zlib
    data = open(sys.argv[1], "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat = 8, b""
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    assert depth == 8 and colour in (2, 6), "unsupported PNG %d/%d" % (depth, colour)
    bpp = 3 if colour == 2 else 4
    raw, stride = zlib.decompress(idat), width * bpp
    rows, prev, i = [], bytearray(stride), 0
    for _ in range(height):
        kind, line = raw[i], bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            if kind == 1: line[x] = (line[x] + a) & 255
            elif kind == 2: line[x] = (line[x] + b) & 255
            elif kind == 3: line[x] = (line[x] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    counts = {}
    for line in rows:
        for x in range(0, stride, bpp):
            key = line[x:x + 3]
            counts[key] = counts.get(key, 0) + 1
    print("size %d %d" % (width, height))
    print("colours %d" % len(counts))
    for wanted in sys.argv[2:]:
        print("%s %d" % (wanted, counts.get(bytes.fromhex(wanted[1:]), 0)))
    """#

    /// Pixel counts of `colours` in the PNG at `path`, with `"colours"` the number of distinct colours.
    static func count(_ colours: [String], in path: String) throws -> [String: Int] {
        let run = try ProcessRunner.run(tool: "python3", ["-c", script, path] + colours, timeout: 120)
        guard run.status == 0 else { throw TestFailure("reading the screenshot failed: \(run.combined)") }
        var result: [String: Int] = [:]
        for line in run.output.split(separator: "\n") {
            let words = line.split(separator: " ")
            if words.count == 2, let value = Int(words[1]) { result[String(words[0])] = value }
        }
        return result
    }
}
