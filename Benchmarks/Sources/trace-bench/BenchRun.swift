import Foundation

/// A whole run: the suites asked for, the table, the verdict.
struct BenchRun {
    /// The command line.
    let options: BenchOptions

    /// The environment variable that marks a run re-executed after starting the session daemon.
    static let reexecutedMarker = "STE_BENCH_REEXECUTED"

    /// Runs the suites and prints the table; returns the exit status (1 when a suite could not run).
    func run() -> Int32 {
        let suites = BenchmarkSuites.all.filter { options.only.isEmpty || options.only.contains($0.name) }
        if suites.contains(where: { [LTTngSuite.name, MigrationSuite.name].contains($0.name) }) {
            do {
                if try LTTngSession.ensureSessionDaemon() { reexecute() }
            } catch {
                print("warning: \(error)")
            }
        }
        let command = "swift run -c release --package-path Benchmarks trace-bench"
            + (CommandLine.arguments.count > 1 ? " " + CommandLine.arguments.dropFirst().joined(separator: " ") : "")
        let machine = MachineDescription.markdown()
        print(machine)
        print("Command: `\(command)`\n")

        let context = BenchContext(options: options)
        var rows: [ResultRow] = []
        var failures: [String] = []
        var stolen: [String] = []
        for suite in suites {
            let start = MonotonicClock.now()
            let stolenAtStart = StolenTime.now()
            do {
                rows += try suite.run(context)
            } catch {
                failures.append("\(suite.name): \(error)")
                rows.append(ResultRow(
                    section: suite.name, measurement: "suite could not run", unit: "", ours: nil, baseline: nil,
                    notes: "\(error)"))
            }
            context.progress("\(suite.name) done in \(Format.number(Double(MonotonicClock.now() - start) / 1e9)) s")
            if let percent = StolenTime.now().percent(since: stolenAtStart) {
                stolen.append("\(suite.name) \(Format.number(percent))%")
            }
        }

        let table = ResultTable(rows: rows)
        var report = "\(machine)\n\nCommand: `\(command)`"
        report += options.quick ? " (quick pass: figures are rough)\n\n" : "\n\n"
        report += table.markdown()
        if !stolen.isEmpty {
            report += "\nCPU time stolen by the hypervisor (`/proc/stat` steal, share of both cores' time) during each "
                + "suite: \(stolen.joined(separator: ", ")).\n"
        }
        let missed = table.missedGoals()
        report += missed.isEmpty
            ? "\nEvery goal with a figure was met.\n"
            : "\nGoals missed:\n" + missed.map { "- \($0)\n" }.joined()
        if !failures.isEmpty {
            report += "\nSuites that could not run:\n" + failures.map { "- \($0)\n" }.joined()
        }
        print("\n" + report)
        if let path = options.markdownPath {
            do {
                try report.write(toFile: path, atomically: true, encoding: .utf8)
            } catch {
                print("trace-bench: error: cannot write \(path): \(error.localizedDescription)")
                return 1
            }
        }
        return failures.isEmpty ? 0 : 1
    }

    /// Replaces this process with a fresh copy of itself, so its LTTng-UST constructors see the session
    /// daemon this run just started. Runs at most once (the marker variable stops a second time).
    private func reexecute() {
        guard ProcessInfo.processInfo.environment[Self.reexecutedMarker] == nil else { return }
        print("started lttng-sessiond; restarting so LTTng-UST registers with it")
        fflush(nil)
        setenv(Self.reexecutedMarker, "1", 1)
        let path = CommandLine.executablePath
        var argv: [UnsafeMutablePointer<CChar>?] = CommandLine.arguments.map { strdup($0) }
        argv.append(nil)
        execv(path, &argv)
        print("warning: cannot re-execute \(path) (errno \(errno)); LTTng may see this process late")
    }
}
