import Foundation

/// Runs `lttng` (or another short command) for doctor and captures what it printed.
enum LTTngCommand {
    /// How a command ended.
    struct Result {
        var status: Int32
        var output: String
        var error: String
    }

    /// Runs the command to completion; status -1 when it cannot start.
    static func run(_ executable: URL, _ arguments: [String]) -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        // Standard error goes to a file: a pipe read after standard output could fill and block the child.
        let errorURL = FileManager.default.temporaryDirectory.appending(path: "swift-tracetool-\(UUID().uuidString).err")
        guard FileManager.default.createFile(atPath: errorURL.path, contents: nil),
              let errorFile = try? FileHandle(forWritingTo: errorURL) else { return Result(status: -1, output: "", error: "cannot create \(errorURL.path)") }
        defer { try? FileManager.default.removeItem(at: errorURL) }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = errorFile
        do { try process.run() } catch { return Result(status: -1, output: "", error: "\(error)") }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try? errorFile.close()
        let errorText = (try? String(contentsOf: errorURL, encoding: .utf8)) ?? ""
        return Result(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self), error: errorText)
    }

    /// The command's standard output, or nil when it fails.
    static func output(_ executable: URL, _ arguments: [String]) -> String? {
        let result = run(executable, arguments)
        return result.status == 0 ? result.output : nil
    }
}
