/// The command line.
struct BenchOptions {
    /// `--quick`: short samples and few of them, for CI.
    var quick = false
    /// `--only SUITE,...`: the suites to run (all when empty).
    var only: Set<String> = []
    /// `--no-callgrind`: skip instruction counts.
    var callgrind = true
    /// `--markdown FILE`: also write the table there.
    var markdownPath: String?
    /// `--callgrind-child CASE COUNT`: internal, one case under valgrind.
    var child: (caseID: String, count: UInt64)?
    /// `--help`.
    var help = false

    /// What `--help` prints.
    static let usage = """
        usage: trace-bench [--quick] [--only SUITE,...] [--no-callgrind] [--markdown FILE]

        Runs every benchmark of swift-trace-events and prints a Markdown table: each figure beside its
        baseline measured in the same run, their ratio, and the issue's goal. Build in release mode:

            swift run -c release --package-path Benchmarks trace-bench

        Suites: \(BenchmarkSuites.names.joined(separator: ", ")).
          --quick          short samples, small callgrind runs: proves every benchmark runs (CI)
          --only LIST      run only these suites (comma-separated)
          --no-callgrind   skip the instruction counts (valgrind)
          --markdown FILE  also write the table, with the machine and the command, to FILE
        """

    /// A command line that cannot be understood.
    struct UsageError: Error, CustomStringConvertible {
        /// A one-line message for people.
        var description: String
    }

    /// Parses the arguments after the program name.
    ///
    /// - Throws: ``UsageError`` for an unknown option, a missing value or an unknown suite.
    init(arguments: [String]) throws {
        var remaining = arguments[...]
        func value(after option: String) throws -> String {
            guard let next = remaining.popFirst() else { throw UsageError(description: "\(option) needs a value") }
            return next
        }
        while let argument = remaining.popFirst() {
            switch argument {
            case "--quick": quick = true
            case "--no-callgrind": callgrind = false
            case "--help", "-h": help = true
            case "--markdown": markdownPath = try value(after: argument)
            case "--only":
                only = Set(try value(after: argument).split(separator: ",").map(String.init))
                let unknown = only.subtracting(BenchmarkSuites.names)
                guard unknown.isEmpty else {
                    throw UsageError(description: "unknown suite '\(unknown.sorted().joined(separator: "', '"))'; "
                        + "suites: \(BenchmarkSuites.names.joined(separator: ", "))")
                }
            case "--callgrind-child":
                let caseID = try value(after: argument)
                let countText = try value(after: argument)
                guard let count = UInt64(countText) else {
                    throw UsageError(description: "--callgrind-child needs a count, not '\(countText)'")
                }
                child = (caseID, count)
            default:
                throw UsageError(description: "unknown argument '\(argument)' (see --help)")
            }
        }
    }
}
