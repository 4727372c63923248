/// One group of rows in the table.
protocol BenchmarkSuite {
    /// The name `--only` takes.
    static var name: String { get }
    /// Measures and returns the suite's rows.
    ///
    /// - Throws: when the suite cannot run at all; the harness reports it and fails the run.
    static func run(_ context: BenchContext) throws -> [ResultRow]
}

/// Every suite, in table order.
enum BenchmarkSuites {
    /// The suites.
    static var all: [any BenchmarkSuite.Type] {
        [EventOffSuite.self, LTTngSuite.self, StandardErrorSuite.self, SimpleTraceSuite.self, SwiftLogHandlerSuite.self,
         GeneratorSuite.self, CheckCostSuite.self, SyncSuite.self, MigrationSuite.self]
    }

    /// Their names.
    static var names: [String] { all.map { $0.name } }
}
