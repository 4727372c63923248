import Foundation
import Testing

/// Runs the real `vfio-migrate demo`, which migrates between two processes, and checks its summary.
@Suite("vfio-migrate demo across two processes")
struct DemoProcessTests {
    /// The `vfio-migrate` built beside the test bundle (`swift test` builds every product).
    private static func executable() throws -> URL {
        let testBinary = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        let candidate = testBinary.deletingLastPathComponent().appendingPathComponent("vfio-migrate")
        guard FileManager.default.isExecutableFile(atPath: candidate.path) else {
            Issue.record("vfio-migrate is not built next to the tests at \(candidate.path); run 'swift build' first")
            throw CocoaError(.fileNoSuchFile)
        }
        return candidate
    }

    /// Runs `vfio-migrate` with `arguments`, killing it after `timeout` seconds; returns status and stdout.
    private static func run(_ arguments: [String], timeout: Double = 30) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = try executable()
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            Issue.record("vfio-migrate \(arguments.joined(separator: " ")) did not finish within \(timeout) s")
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test("demo migrates to a child process and reports equal state",
          arguments: [["--via", "tcp"], ["--via", "unix", "--protocol", "v1"], ["--via", "file", "--no-precopy"]])
    func demo(extra: [String]) throws {
        let (status, output) = try Self.run(
            ["demo", "--devices", "2", "--pages", "32", "--page-size", "256", "--dirty-rate", "500"] + extra)
        #expect(status == 0, "\(output)")
        #expect(output.contains("state equal:   yes"), "\(output)")
        #expect(output.contains("devices:       2 x 32 pages of 256 bytes"), "\(output)")
        #expect(output.contains("destination:   incoming: loaded 2 device(s)"), "\(output)")
    }

    @Test("migrating to an unreachable address exits with status 1")
    func unreachableFails() throws {
        let (status, output) = try Self.run(["migrate", "--to", "unix:/nonexistent/dir/sock", "--timeout", "1"])
        #expect(status == 1)
        #expect(!output.contains("state equal"))
    }
}
