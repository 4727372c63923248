import Foundation

/// One run of a program as a child process, measured from outside: its wall time and its peak resident memory
/// (`ru_maxrss` from `wait4`), its output thrown away. For tools such as `swift-tracetool check` whose peak
/// memory is the figure, and for their baselines (`wc -l`), measured the same way.
struct ChildUsage {
    /// Wall-clock seconds from spawn to exit.
    var seconds: Double
    /// User and system CPU seconds: less disturbed than wall time by the rest of a loaded machine.
    var cpuSeconds: Double
    /// Peak resident memory in MiB.
    var peakMiB: Double
    /// The exit status.
    var status: Int32

    /// Runs `executable` with `arguments`, standard output and error to `/dev/null`.
    ///
    /// - Throws: ``ProcessRunner/Failure`` when it cannot start or is killed by a signal.
    static func measure(_ executable: String, _ arguments: [String]) throws -> ChildUsage {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid = pid_t()
        let start = MonotonicClock.now()
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, environ)
        guard spawned == 0 else {
            throw ProcessRunner.Failure(description: "cannot run \(executable): \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let seconds = Double(MonotonicClock.now() - start) / 1e9
        // WIFEXITED / WEXITSTATUS, which Swift does not import.
        guard status & 0x7F == 0 else {
            throw ProcessRunner.Failure(description: "\(executable) \(arguments.joined(separator: " ")) was killed by signal \(status & 0x7F)")
        }
        let cpu = [usage.ru_utime, usage.ru_stime].reduce(0.0) { $0 + Double($1.tv_sec) + Double($1.tv_usec) / 1e6 }
        return ChildUsage(
            seconds: seconds, cpuSeconds: cpu, peakMiB: Double(usage.ru_maxrss) / 1024, status: (status >> 8) & 0xFF)
    }

    /// The median run of `rounds` runs by time, and the largest peak memory of them.
    static func median(rounds: Int, _ executable: String, _ arguments: [String]) throws -> ChildUsage {
        let runs = try (0..<rounds).map { _ in try measure(executable, arguments) }
        var median = runs.sorted { $0.seconds < $1.seconds }[runs.count / 2]
        median.peakMiB = runs.map(\.peakMiB).max() ?? median.peakMiB
        return median
    }
}
