import Foundation

/// What the figures were measured on, printed above the table: a figure means little without it.
enum MachineDescription {
    /// One Markdown paragraph: CPU, cores, memory, OS, kernel, toolchain, tracer, load.
    static func markdown() -> String {
        let cpu = firstValue(in: "/proc/cpuinfo", key: "model name") ?? "unknown CPU"
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let memory = Double(ProcessInfo.processInfo.physicalMemory) / Double(1 << 30)
        let os = firstValue(in: "/etc/os-release", key: "PRETTY_NAME", separator: "=")?
            .trimmingCharacters(in: CharacterSet(charactersIn: "\"")) ?? "Linux"
        var name = utsname()
        uname(&name)
        let kernel = withUnsafeBytes(of: &name.release) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        let swift = firstLine(of: "swift", ["--version"]) ?? "Swift (version unknown)"
        let lttng = firstLine(of: "lttng", ["--version"]) ?? "lttng not installed"
        let valgrind = firstLine(of: "valgrind", ["--version"]) ?? "valgrind not installed"
        let load = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?
            .split(separator: " ").prefix(3).joined(separator: " ") ?? "?"
        return "Machine: \(cpu), \(cores) cores, \(Format.number(memory)) GiB, \(os), Linux \(kernel); "
            + "\(swift); \(lttng); \(valgrind); load average at start \(load)."
    }

    private static func firstValue(in path: String, key: String, separator: Character = ":") -> String? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: separator, maxSplits: 1)
            if parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces) == key {
                return parts[1].trimmingCharacters(in: .whitespaces)
            }
        }
        return nil
    }

    private static func firstLine(of program: String, _ arguments: [String]) -> String? {
        guard let path = ProcessRunner.find(program),
            let outcome = try? ProcessRunner.run(path, arguments, timeout: 30), outcome.status == 0
        else { return nil }
        return (outcome.output + outcome.errorOutput).split(separator: "\n").first.map(String.init)
    }
}
