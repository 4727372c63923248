import Foundation

/// QEMU's own decoder of its simple trace format, `../shared/qemu-simpletrace/simpletrace.py`, as the tests'
/// oracle for the simple backend.
public enum SimpleTraceOracle {
    /// One line of simpletrace.py's output: `NAME DELTA_US pid=PID ARG=VALUE ...`.
    public struct Record: Equatable, CustomStringConvertible {
        /// An argument as simpletrace.py prints it: a string's bytes, or any other argument's 64 bits.
        public enum Value: Equatable, CustomStringConvertible {
            case bytes([UInt8])
            case integer(UInt64)

            /// A string's text (invalid UTF-8 repaired), or the integer in hexadecimal.
            public var description: String {
                switch self {
                case .bytes(let bytes): String(decoding: bytes, as: UTF8.self)
                case .integer(let value): "0x" + String(value, radix: 16)
                }
            }
        }

        public var name: String
        public var pid: Int32
        /// The arguments in order, with their names.
        public var arguments: [(name: String, value: Value)]

        /// Creates a record.
        public init(name: String, pid: Int32, arguments: [(name: String, value: Value)]) {
            self.name = name
            self.pid = pid
            self.arguments = arguments
        }

        public var description: String {
            "\(name) pid=\(pid) " + arguments.map { "\($0.name)=\($0.value)" }.joined(separator: " ")
        }

        public static func == (lhs: Record, rhs: Record) -> Bool {
            lhs.name == rhs.name && lhs.pid == rhs.pid && lhs.arguments.map(\.name) == rhs.arguments.map(\.name)
                && lhs.arguments.map(\.value) == rhs.arguments.map(\.value)
        }
    }

    /// What one run of the decoder left.
    public struct Decoded {
        /// Its exit status (non-zero when the file ends inside a record: it decodes up to there, then fails).
        public var status: Int32
        /// Its output lines, the time delta column removed.
        public var lines: [String]
        /// Its standard error.
        public var error: String
        /// The lines parsed.
        public var records: [Record] { lines.compactMap(SimpleTraceOracle.parse) }
    }

    /// The decoder's path, or an error saying `../shared` is missing.
    public static func script() throws -> URL {
        try SharedData.directory().appendingPathComponent("qemu-simpletrace/simpletrace.py")
    }

    /// Whether CI runs the tests (where a missing decoder fails rather than skips).
    public static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    /// Whether the oracle tests run: when the decoder is there, and always on CI.
    public static var testsRun: Bool { (try? script()) != nil || isCI }

    /// Why they skip.
    public static let skipReason =
        "QEMU's simpletrace.py is missing (../shared/qemu-simpletrace beside the checkout); with CI=true this fails instead"

    /// Runs `simpletrace.py TRACE-EVENTS TRACE-FILE`.
    public static func decode(events: URL, trace: URL) throws -> Decoded {
        let result = try ProcessRunner.run(
            URL(fileURLWithPath: "/usr/bin/python3"), [try script().path, events.path, trace.path], timeout: 120)
        guard !result.timedOut else { throw TestFailure("simpletrace.py timed out on \(trace.path)") }
        return Decoded(status: result.status, lines: withoutDeltas(result.output), error: result.error)
    }

    /// Runs simpletrace.py's own main program on each trace in turn, in one Python process (starting Python
    /// once per file would take seconds for a few dozen files).
    public static func decode(events: URL, traces: [URL]) throws -> [Decoded] {
        let driver = """
            import contextlib, io, json, os, runpy, sys, traceback
            script, events, traces = sys.argv[1], sys.argv[2], sys.argv[3:]
            sys.path.insert(0, os.path.dirname(script))
            for trace in traces:
                out, err, status = io.StringIO(), io.StringIO(), 0
                sys.argv = [script, events, trace]
                with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                    try:
                        runpy.run_path(script, run_name='__main__')
                    except SystemExit as e:
                        status = e.code if isinstance(e.code, int) else 1
                    except BaseException:
                        traceback.print_exc()
                        status = 1
                sys.__stdout__.write(json.dumps([status, out.getvalue(), err.getvalue()]) + "\\n")
            """
        let result = try ProcessRunner.run(
            URL(fileURLWithPath: "/usr/bin/python3"), ["-c", driver, try script().path, events.path] + traces.map(\.path),
            timeout: 300)
        guard result.status == 0, !result.timedOut else { throw TestFailure("simpletrace.py driver failed: \(result.combined)") }
        return try result.output.split(separator: "\n").map { line in
            guard let fields = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [Any], fields.count == 3,
                  let status = fields[0] as? Int, let output = fields[1] as? String, let error = fields[2] as? String
            else { throw TestFailure("unexpected driver line: \(line)") }
            return Decoded(status: Int32(status), lines: withoutDeltas(output), error: error)
        }
    }

    /// The output's lines without the DELTA_US column, which depends on timing: `NAME rest`.
    private static func withoutDeltas(_ output: String) -> [String] {
        output.split(separator: "\n").map { line -> String in
            let fields = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
            return fields.count == 3 ? "\(fields[0]) \(fields[2])" : String(line)
        }
    }

    /// Parses `NAME pid=PID ARG=VALUE ...` (a decoded line without its delta), or nil.
    public static func parse(_ line: String) -> Record? {
        let bytes = Array(line.utf8)
        guard let space = bytes.firstIndex(of: UInt8(ascii: " ")) else { return nil }
        let name = String(decoding: bytes[..<space], as: UTF8.self)
        var index = space + 1
        var pid: Int32?
        var arguments: [(String, Record.Value)] = []
        while index < bytes.count {
            guard let equals = bytes[index...].firstIndex(of: UInt8(ascii: "=")) else { return nil }
            let key = String(decoding: bytes[index..<equals], as: UTF8.self)
            index = equals + 1
            if index + 1 < bytes.count, bytes[index] == UInt8(ascii: "b"),
               bytes[index + 1] == UInt8(ascii: "'") || bytes[index + 1] == UInt8(ascii: "\"") {
                guard let (value, end) = pythonBytes(bytes, from: index + 1) else { return nil }
                arguments.append((key, .bytes(value)))
                index = end
            } else {
                let end = bytes[index...].firstIndex(of: UInt8(ascii: " ")) ?? bytes.count
                let text = String(decoding: bytes[index..<end], as: UTF8.self)
                if key == "pid", pid == nil {
                    pid = Int32(text)
                } else {
                    guard text.hasPrefix("0x"), let value = UInt64(text.dropFirst(2), radix: 16) else { return nil }
                    arguments.append((key, .integer(value)))
                }
                index = end
            }
            while index < bytes.count, bytes[index] == UInt8(ascii: " ") { index += 1 }
        }
        guard let pid else { return nil }
        return Record(name: name, pid: pid, arguments: arguments.map { (name: $0.0, value: $0.1) })
    }

    /// Decodes Python's repr of bytes starting at its opening quote; returns the bytes and the index after it.
    private static func pythonBytes(_ bytes: [UInt8], from start: Int) -> ([UInt8], Int)? {
        let quote = bytes[start]
        var index = start + 1
        var value: [UInt8] = []
        while index < bytes.count {
            let byte = bytes[index]
            if byte == quote { return (value, index + 1) }
            if byte == UInt8(ascii: "\\"), index + 1 < bytes.count {
                let escaped = bytes[index + 1]
                switch escaped {
                case UInt8(ascii: "x"):
                    guard index + 3 < bytes.count,
                          let hex = UInt8(String(decoding: bytes[(index + 2)...(index + 3)], as: UTF8.self), radix: 16)
                    else { return nil }
                    value.append(hex)
                    index += 4
                    continue
                case UInt8(ascii: "n"): value.append(0x0A)
                case UInt8(ascii: "t"): value.append(0x09)
                case UInt8(ascii: "r"): value.append(0x0D)
                default: value.append(escaped)
                }
                index += 2
                continue
            }
            value.append(byte)
            index += 1
        }
        return nil
    }
}
