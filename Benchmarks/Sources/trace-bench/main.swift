import Foundation

// trace-bench: every benchmark of swift-trace-events in one command (see Benchmarks/README.md).

let options: BenchOptions
do {
    options = try BenchOptions(arguments: Array(CommandLine.arguments.dropFirst()))
} catch {
    FileHandle.standardError.write(Data("trace-bench: error: \(error)\n".utf8))
    exit(2)
}
if options.help {
    print(BenchOptions.usage)
    exit(0)
}
if let child = options.child {
    exit(CallgrindChild.run(caseID: child.caseID, count: child.count))
}
exit(BenchRun(options: options).run())
