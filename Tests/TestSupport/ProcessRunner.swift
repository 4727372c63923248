import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Runs a program to completion with a time limit, capturing its output through files (pipes could fill
/// up and block a chatty compiler).
///
/// It spawns with `posix_spawn` rather than Foundation's `Process`, which on Linux hands children a signal
/// mask with almost every signal blocked: `lttng-sessiond --daemonize` then waits forever for the
/// SIGUSR1 that says it is ready, and SIGTERM cannot stop a child that overruns its time.
public enum ProcessRunner {
    /// What a finished program left.
    public struct Result: Sendable {
        /// The exit status (128 + signal number when a signal ended it).
        public var status: Int32
        /// What it wrote to standard output.
        public var output: String
        /// What it wrote to standard error.
        public var error: String
        /// Whether it was killed for running past its timeout.
        public var timedOut: Bool
        /// Output and error together, for failure messages.
        public var combined: String { output + error }
    }

    /// Runs `executable` with `arguments`; kills it after `timeout` seconds.
    public static func run(
        _ executable: URL,
        _ arguments: [String],
        in directory: URL? = nil,
        environment: [String: String]? = nil,
        timeout: TimeInterval
    ) throws -> Result {
        let scratch = try TestPaths.temporaryDirectory("process")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outPath = scratch.appending(path: "out").path, errPath = scratch.appending(path: "err").path

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t(), allSignals = sigset_t()
        sigemptyset(&noSignals)
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        // posix_spawn_file_actions_addchdir_np is not visible to Swift: a shell changes directory instead.
        let command = directory.map { ["/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", $0.path, executable.path] + arguments }
            ?? [executable.path] + arguments
        let argv = command.map { strdup($0) } + [nil]
        let env = (environment ?? ProcessInfo.processInfo.environment).map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            env.forEach { free($0) }
        }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, command[0], &actions, &attributes, argv, env)
        guard spawned == 0 else { throw TestFailure("cannot run \(executable.path): \(String(cString: strerror(spawned)))") }

        var status: Int32 = 0
        var timedOut = false
        let deadline = Date().addingTimeInterval(timeout)
        while waitpid(pid, &status, WNOHANG) == 0 {
            if Date() > deadline {
                timedOut = true
                kill(pid, SIGTERM)
                let grace = Date().addingTimeInterval(5)
                while waitpid(pid, &status, WNOHANG) == 0 {
                    if Date() > grace {
                        kill(pid, SIGKILL)
                        waitpid(pid, &status, 0)
                        break
                    }
                    usleep(50_000)
                }
                break
            }
            usleep(20_000)
        }
        // WIFEXITED/WEXITSTATUS are macros Swift does not import.
        let exitStatus = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return Result(
            status: exitStatus,
            output: String(decoding: (try? Data(contentsOf: URL(fileURLWithPath: outPath))) ?? Data(), as: UTF8.self),
            error: String(decoding: (try? Data(contentsOf: URL(fileURLWithPath: errPath))) ?? Data(), as: UTF8.self),
            timedOut: timedOut
        )
    }

    /// Runs a program found on PATH.
    public static func run(tool: String, _ arguments: [String], in directory: URL? = nil, timeout: TimeInterval) throws -> Result {
        guard let url = TestPaths.executable(tool) else { throw TestFailure("'\(tool)' is not on PATH") }
        return try run(url, arguments, in: directory, timeout: timeout)
    }
}
