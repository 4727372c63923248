import Foundation
import Testing
@testable import TraceEventsGeneratorCore

/// A test program built from generated code: it calls an event's generated `trace_NAME` function through the
/// real runtime (every event on, the stderr backend's own line rendering) and, beside it, glibc's `snprintf`
/// of the event's C format with the same arguments passed as their declared C types.
///
/// One program per batch of groups whose event names do not repeat; one `swiftc` invocation compiles and
/// links each.
struct DifferentialProgram {
    /// One argument as the driver passes it: a 64-bit slot (integers, pointers, bools) or a string.
    enum Value: Hashable, CustomStringConvertible {
        case slot(UInt64)
        case string(String?)

        var description: String {
            switch self {
            case .slot(let bits): "0x" + String(bits, radix: 16)
            case .string(let text?): "\"\(text)\""
            case .string(nil): "NULL"
            }
        }
    }

    /// One call of one event.
    struct Case {
        var event: Int
        var values: [Value]
    }

    /// What one call produced.
    struct Outcome {
        /// The stderr lines (`NAME MESSAGE\n`) the generated code's event produced through the runtime.
        var lines: [[UInt8]]
        /// snprintf's output, or nil when it failed.
        var snprintf: [UInt8]?
    }

    /// One event of the program, by index.
    struct Event {
        var group: String
        var declaration: EventDeclaration
    }

    let events: [Event]
    let executable: URL

    /// Builds the program for `groups` of `corpus` (whose providers are compiled to `providerObjects`), with
    /// `mutate` applied to each generated Swift file's text first (the fault test breaks the renderer that way).
    static func build(
        _ groups: [CorpusGeneration.Group], of corpus: CorpusGeneration, providerObjects: [String: URL],
        in directory: URL, mutate: (String) -> String = { $0 }
    ) throws -> DifferentialProgram {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let events = groups.flatMap { group in group.file.events.map { Event(group: group.name, declaration: $0) } }
        var swiftFiles: [URL] = []
        for group in groups {
            let copy = directory.appending(path: group.swiftFile.lastPathComponent)
            try Data(mutate(try String(contentsOf: group.swiftFile, encoding: .utf8)).utf8).write(to: copy)
            swiftFiles.append(copy)
        }
        let main = directory.appending(path: "main.swift"), calls = directory.appending(path: "calls.swift")
        try Data(driverSource.utf8).write(to: main)
        try Data(try callsSource(events).utf8).write(to: calls)
        try Data(oracleHeader.utf8).write(to: directory.appending(path: "oracle.h"))
        try Data("module DifferentialOracle {\n    header \"oracle.h\"\n    export *\n}\n".utf8)
            .write(to: directory.appending(path: "module.modulemap"))
        let oracle = directory.appending(path: "oracle.c")
        try Data(oracleSource(events).utf8).write(to: oracle)
        let products = TestPaths.productsDirectory
        let runtimeObjects = try ["TraceEvents.build", "CTraceEvents.build", "PrintableText.build"].flatMap { name in
            try FileManager.default.contentsOfDirectory(at: products.appending(path: name), includingPropertiesForKeys: nil)
                .filter { $0.pathExtension == "o" }
        }
        let providers = try groups.map { group in
            guard let object = providerObjects[group.name] else { throw TestFailure("no provider object for \(group.name)") }
            return object
        }
        // Compiling thousands of generated functions takes minutes: a program built from the same bytes (sources,
        // runtime objects, the TraceEvents module) is reused from the build folder.
        let inputs = [main, calls, oracle] + swiftFiles + runtimeObjects + providers
            + [products.appending(path: "Modules/TraceEvents.swiftmodule")]
        let cached = TestPaths.packageRoot.appending(path: ".build/differential-cache/\(try contentKey(of: inputs))/differential")
        if FileManager.default.isExecutableFile(atPath: cached.path) {
            return DifferentialProgram(events: events, executable: cached)
        }
        let oracleObject = directory.appending(path: "oracle.o")
        let cc = try ProcessRunner.run(tool: "cc", ["-std=gnu11", "-O0", "-w", "-c", oracle.path, "-o", oracleObject.path], timeout: 300)
        guard cc.status == 0 else { throw TestFailure("cc failed on the snprintf oracle:\n\(cc.combined.prefix(4000))") }
        let executable = directory.appending(path: "differential")
        guard let swiftc = TestPaths.executable("swiftc") else { throw TestFailure("swiftc is not on PATH") }
        let include = TestPaths.packageRoot.appending(path: "Sources/CTraceEvents/include").path
        let result = try ProcessRunner.run(
            swiftc,
            ["-Onone", "-swift-version", "6", "-module-name", "Differential", "-I", products.appending(path: "Modules").path,
             "-I", corpus.directory.path, "-I", directory.path,
             "-Xcc", "-fmodule-map-file=\(products.appending(path: "CTraceEvents.build/module.modulemap").path)",
             "-Xcc", "-I\(include)", "-o", executable.path, main.path, calls.path]
                + swiftFiles.map(\.path) + (runtimeObjects + providers + [oracleObject]).map(\.path),
            timeout: 2400
        )
        guard result.status == 0, !result.timedOut else {
            throw TestFailure("swiftc failed to build the differential program (\(result.status)\(result.timedOut ? ", timed out" : "")):\n\(result.combined.prefix(6000))")
        }
        try? FileManager.default.createDirectory(at: cached.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? FileManager.default.copyItem(at: executable, to: cached)
        return DifferentialProgram(events: events, executable: executable)
    }

    /// A key for the bytes of `files`: FNV-1a over their paths' last components and contents.
    static func contentKey(of files: [URL]) throws -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for file in files {
            for chunk in [Data(file.lastPathComponent.utf8), try Data(contentsOf: file)] {
                chunk.withUnsafeBytes { bytes in
                    for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
                }
            }
        }
        return String(hash, radix: 16)
    }

    /// Runs `cases` through the program.
    func run(_ cases: [Case]) throws -> [Outcome] {
        let scratch = try TestPaths.temporaryDirectory("differential-run")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let input = scratch.appending(path: "cases.bin"), output = scratch.appending(path: "outcomes.bin")
        var bytes: [UInt8] = []
        for item in cases {
            bytes.append(u32: UInt32(item.event))
            bytes.append(u32: UInt32(item.values.count))
            for value in item.values {
                switch value {
                case .slot(let bits):
                    bytes.append(0)
                    bytes.append(u64: bits)
                case .string(let text?):
                    bytes.append(1)
                    bytes.append(u32: UInt32(text.utf8.count))
                    bytes += text.utf8
                case .string(nil):
                    bytes.append(2)
                }
            }
        }
        try Data(bytes).write(to: input)
        let result = try ProcessRunner.run(executable, [input.path, output.path], timeout: 600)
        guard result.status == 0, !result.timedOut else {
            throw TestFailure("the differential program failed (\(result.status)):\n\(result.combined.prefix(4000))")
        }
        var reader = ByteReader(bytes: [UInt8](try Data(contentsOf: output)))
        return try cases.map { _ in
            let count = try reader.u32()
            let lines = try (0..<count).map { _ in try reader.bytes(Int(try reader.u32())) }
            let length = Int32(bitPattern: try reader.u32())
            return Outcome(lines: lines, snprintf: length < 0 ? nil : try reader.bytes(Int(length)))
        }
    }

    // MARK: Generated parts

    /// The Swift expression that turns argument `index` of the driver's slots or strings into the generated
    /// function's parameter type (the generator's own type mapping).
    static func swiftArgument(_ argument: EventArgument, _ index: Int) throws -> String {
        let type = SwiftTypeMapping.swiftType(argument.type)
        switch type {
        case "String?": return "t[\(index)]"
        case "UnsafeRawPointer?": return "UnsafeRawPointer(bitPattern: UInt(truncatingIfNeeded: s[\(index)]))"
        case "Bool": return "s[\(index)] != 0"
        case "Double": return "Double(bitPattern: s[\(index)])"
        case "Float": return "Float(bitPattern: UInt32(truncatingIfNeeded: s[\(index)]))"
        case "CChar", "Int8", "UInt8", "Int16", "UInt16", "Int32", "UInt32", "Int", "UInt", "Int64", "UInt64":
            return "\(type)(truncatingIfNeeded: s[\(index)])"
        default:
            throw TestFailure("the differential cannot pass an argument of Swift type \(type) (argument '\(argument.name)')")
        }
    }

    /// The C expression that passes argument `index` as its declared C type.
    static func cArgument(_ argument: EventArgument, _ index: Int) -> String {
        switch argument.type.kind {
        case .string: "t[\(index)]"
        case .pointer: "(const void *)(uintptr_t)s[\(index)]"
        case .bool: "(bool)s[\(index)]"
        case .integer, .void: "(\(argument.type.base.rawValue))s[\(index)]"
        case .floating(let bits): bits == 32 ? "ste_float_bits(s[\(index)])" : "ste_double_bits(s[\(index)])"
        case .tcg: "(uint64_t)s[\(index)]"
        }
    }

    /// `calls.swift`: one `case` per event calling its generated function, in chunks the compiler digests quickly.
    static func callsSource(_ events: [Event]) throws -> String {
        let chunk = 200
        var text = "// The generated trace functions, called by index with the driver's arguments.\n\n"
        let chunks = stride(from: 0, to: events.count, by: chunk).map { $0..<min($0 + chunk, events.count) }
        for (number, range) in chunks.enumerated() {
            text += "func callChunk\(number)(_ index: Int, _ s: [UInt64], _ t: [String?]) {\n    switch index {\n"
            for index in range {
                let event = events[index].declaration
                let arguments = try event.arguments.enumerated().map { try swiftArgument($1, $0) }
                text += "    case \(index): trace_\(event.name)(\(arguments.joined(separator: ", ")))\n"
            }
            text += "    default: fatalError(\"no event \\(index)\")\n    }\n}\n\n"
        }
        text += "func callEvent(_ index: Int, _ s: [UInt64], _ t: [String?]) {\n    switch index / \(chunk) {\n"
        for number in chunks.indices { text += "    case \(number): callChunk\(number)(index, s, t)\n" }
        text += "    default: fatalError(\"no event \\(index)\")\n    }\n}\n"
        return text
    }

    /// `oracle.c`: snprintf of each event's C format (its bytes, after QEMU's macros are expanded) with the
    /// arguments cast to their declared C types, as QEMU's generated C passes them.
    static func oracleSource(_ events: [Event]) -> String {
        var text = "#include <stdbool.h>\n#include <stdint.h>\n#include <stdio.h>\n#include <string.h>\n#include \"oracle.h\"\n\n"
        // Floating arguments travel as their bits, so the C side gets exactly the value Swift passed.
        text += "static inline double ste_double_bits(uint64_t b) { double d; memcpy(&d, &b, sizeof d); return d; }\n"
        text += "static inline float ste_float_bits(uint64_t b) { uint32_t u = (uint32_t)b; float f; memcpy(&f, &u, sizeof f); return f; }\n\n"
        text += "int ste_differential_snprintf(int index, char *out, size_t capacity, const uint64_t *s, char *const *t) {\n"
        text += "    (void)s; (void)t;\n    switch (index) {\n"
        for (index, event) in events.enumerated() {
            let declaration = event.declaration
            let format = cStringLiteral(declaration.format?.bytes ?? [])
            let arguments = declaration.arguments.enumerated().map { ", " + cArgument($1, $0) }.joined()
            text += "    case \(index): return snprintf(out, capacity, \(format)\(arguments));\n"
        }
        return text + "    default: return -2;\n    }\n}\n"
    }

    /// A C string literal of `bytes`: letters, digits and spaces as they are, every other byte in octal.
    static func cStringLiteral(_ bytes: [UInt8]) -> String {
        var literal = "\""
        for byte in bytes {
            if (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x20 {
                literal.append(Character(Unicode.Scalar(byte)))
            } else {
                literal += "\\" + String(repeating: "0", count: 3 - String(byte, radix: 8).count) + String(byte, radix: 8)
            }
        }
        return literal + "\""
    }

    static let oracleHeader = """
        #include <stddef.h>
        #include <stdint.h>
        /* snprintf of event `index`'s C format with its arguments (slots s, strings t), or -2 for no such event. */
        int ste_differential_snprintf(int index, char *out, size_t capacity, const uint64_t *s, char *const *t);

        """

    /// `main.swift`: reads the cases, calls each event's generated function with every event on and a backend
    /// that keeps the stderr backend's line for each record, then the oracle; writes both.
    static let driverSource = #"""
        import DifferentialOracle
        import Glibc
        import TraceEvents

        final class LineCapture: TraceBackend, @unchecked Sendable {
            var lines: [[UInt8]] = []
            func record(_ record: TraceRecord) { lines.append(StderrTraceBackend.line(for: record, format: .bare)) }
        }

        func readFile(_ path: String) -> [UInt8] {
            guard let file = fopen(path, "rb") else { fatalError("cannot open \(path)") }
            defer { fclose(file) }
            var bytes: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let count = fread(&chunk, 1, chunk.count, file)
                if count == 0 { break }
                bytes += chunk[..<count]
            }
            return bytes
        }

        struct Reader {
            let input: [UInt8]
            var offset = 0
            var atEnd: Bool { offset >= input.count }
            mutating func u8() -> UInt8 { defer { offset += 1 }; return input[offset] }
            mutating func u32() -> UInt32 { (0..<4).reduce(0) { value, byte in value | UInt32(u8()) << (8 * byte) } }
            mutating func u64() -> UInt64 { (0..<8).reduce(0) { value, byte in value | UInt64(u8()) << (8 * byte) } }
            mutating func text(_ length: Int) -> String {
                defer { offset += length }
                return String(decoding: input[offset..<offset + length], as: UTF8.self)
            }
        }

        func put(_ value: UInt32, into output: inout [UInt8]) {
            for shift in stride(from: 0, to: 32, by: 8) { output.append(UInt8(truncatingIfNeeded: value >> shift)) }
        }

        func run() {
        var reader = Reader(input: readFile(CommandLine.arguments[1]))
        var output: [UInt8] = []
        let capture = LineCapture()
        TraceEvents.backends = [capture]
        TraceEvents.enable("*")
        var buffer = [CChar](repeating: 0, count: 1 << 20)
        while !reader.atEnd {
            let index = Int(reader.u32())
            let count = Int(reader.u32())
            var slots = [UInt64](repeating: 0, count: 16)
            var strings = [String?](repeating: nil, count: 16)
            var cStrings = [UnsafeMutablePointer<CChar>?](repeating: nil, count: 16)
            for argument in 0..<count {
                switch reader.u8() {
                case 0: slots[argument] = reader.u64()
                case 1:
                    let text = reader.text(Int(reader.u32()))
                    strings[argument] = text
                    cStrings[argument] = strdup(text)
                default: break
                }
            }
            capture.lines.removeAll()
            callEvent(index, slots, strings)
            put(UInt32(capture.lines.count), into: &output)
            for line in capture.lines {
                put(UInt32(line.count), into: &output)
                output += line
            }
            let length = ste_differential_snprintf(Int32(index), &buffer, buffer.count, slots, cStrings)
            put(UInt32(bitPattern: length < Int32(buffer.count) ? length : -3), into: &output)
            if length >= 0 && length < Int32(buffer.count) { output += buffer[..<Int(length)].map { UInt8(bitPattern: $0) } }
            cStrings.forEach { free($0) }
        }
        guard let file = fopen(CommandLine.arguments[2], "wb") else { fatalError("cannot write \(CommandLine.arguments[2])") }
        fwrite(output, 1, output.count, file)
        fclose(file)
        }

        run()

        """#
}

/// Reads what the differential program wrote.
private struct ByteReader {
    let bytes: [UInt8]
    var offset = 0

    mutating func bytes(_ count: Int) throws -> [UInt8] {
        guard offset + count <= bytes.count else { throw TestFailure("the differential program's output is cut short") }
        defer { offset += count }
        return Array(bytes[offset..<offset + count])
    }

    mutating func u32() throws -> UInt32 {
        try bytes(4).enumerated().reduce(0) { $0 | UInt32($1.element) << (8 * $1.offset) }
    }
}

extension [UInt8] {
    fileprivate mutating func append(u32 value: UInt32) {
        for shift in stride(from: 0, to: 32, by: 8) { append(UInt8(truncatingIfNeeded: value >> shift)) }
    }

    fileprivate mutating func append(u64 value: UInt64) {
        for shift in stride(from: 0, to: 64, by: 8) { append(UInt8(truncatingIfNeeded: value >> shift)) }
    }
}
