import Foundation

/// Instruction counts under `valgrind --tool=callgrind`: repeatable where wall-clock time is not.
///
/// This program runs itself in child mode (`--callgrind-child CASE COUNT`), which performs COUNT iterations of
/// one case inside `ste_bench_region`; callgrind counts only inside that function (`--toggle-collect`), so
/// start-up, argument set-up and other threads (LTTng-UST's listeners) are left out. Running with COUNT = 0 and
/// COUNT = N and taking (Ir(N) − Ir(0)) / N cancels what remains of the fixed cost.
///
/// Valgrind 3.19 (Debian 12) cannot read the DWARF 5 debug information Swift 6 emits and gives up, so the
/// children run a copy of this program with its debug sections stripped (the symbol table stays, which is
/// all `--toggle-collect` needs).
final class Callgrind {
    /// valgrind's path.
    let valgrind: String
    /// Iterations of the measured run.
    let iterations: UInt64
    /// The program the children run: a stripped copy of this one.
    private let executable: String
    private let scratchDirectory: String

    /// nil when valgrind is not installed.
    init?(iterations: UInt64) {
        guard let valgrind = ProcessRunner.find("valgrind") else { return nil }
        self.valgrind = valgrind
        self.iterations = iterations
        scratchDirectory = NSTemporaryDirectory() + "trace-bench-callgrind-\(getpid())"
        let copy = scratchDirectory + "/trace-bench"
        do {
            try FileManager.default.createDirectory(atPath: scratchDirectory, withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: CommandLine.executablePath, toPath: copy)
            guard let strip = ProcessRunner.find("strip") else {
                throw ProcessRunner.Failure(description: "strip is not installed")
            }
            try ProcessRunner.check(strip, ["--strip-debug", copy])
            executable = copy
        } catch {
            print("note: cannot strip a copy for valgrind (\(error)); running the program itself")
            executable = CommandLine.executablePath
        }
    }

    deinit { try? FileManager.default.removeItem(atPath: scratchDirectory) }

    /// Instructions per iteration of a case.
    ///
    /// - Parameters:
    ///   - caseID: the case.
    ///   - share: the fraction of ``iterations`` to run (expensive cases, such as a stderr line, need fewer).
    /// - Throws: ``ProcessRunner/Failure`` when a child run fails.
    func instructionsPerIteration(ofCase caseID: String, share: Double = 1) throws -> Double {
        let count = max(100, UInt64(Double(iterations) * share))
        let empty = try instructions(caseID: caseID, count: 0)
        let full = try instructions(caseID: caseID, count: count)
        return Double(full - empty) / Double(count)
    }

    /// Instructions a child run executed inside the measured region.
    private func instructions(caseID: String, count: UInt64) throws -> Int {
        let directory = scratchDirectory + "/" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let profile = "\(directory)/callgrind.out"
        let log = "\(directory)/valgrind.log"
        let outcome = try ProcessRunner.run(valgrind, [
            "--tool=callgrind", "--toggle-collect=ste_bench_region",
            "--callgrind-out-file=\(profile)", "--log-file=\(log)",
            executable, "--callgrind-child", caseID, String(count),
        ], timeout: 300)
        guard outcome.status == 0 else {
            let detail = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            throw ProcessRunner.Failure(description: "callgrind run of \(caseID) failed (\(outcome.status)): "
                + (outcome.errorOutput + outcome.output + detail.suffix(2000)))
        }
        let text = try String(contentsOfFile: profile, encoding: .utf8)
        for line in text.split(separator: "\n") where line.hasPrefix("summary:") || line.hasPrefix("totals:") {
            if let value = line.split(separator: " ").dropFirst().first, let number = Int(value) { return number }
        }
        throw ProcessRunner.Failure(description: "no instruction total in callgrind's output for \(caseID)")
    }
}

extension CommandLine {
    /// This program's own executable, for re-running it as a child.
    static var executablePath: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? arguments[0]
    }
}
