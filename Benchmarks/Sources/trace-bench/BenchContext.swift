import Foundation

/// What every suite works with: the sampling plan, the inputs, and the instruction counter.
final class BenchContext {
    /// The command line.
    let options: BenchOptions
    /// How long and how often to sample.
    let plan: SamplingPlan
    /// The timer.
    let sampler: Sampler
    /// The call sites' arguments.
    let inputs = BenchInputs.standard
    /// The instruction counter, or nil when switched off or valgrind is missing.
    let callgrind: Callgrind?
    /// Why there are no instruction counts, when there are none.
    let callgrindAbsence: String

    /// Creates the context for a run.
    init(options: BenchOptions) {
        self.options = options
        plan = options.quick ? .quick : .full
        sampler = Sampler(plan: plan)
        if !options.callgrind {
            callgrind = nil
            callgrindAbsence = "instruction counts skipped (--no-callgrind)"
        } else if let counter = Callgrind(iterations: plan.callgrindIterations) {
            callgrind = counter
            callgrindAbsence = ""
        } else {
            callgrind = nil
            callgrindAbsence = "valgrind is not installed (apt-get install valgrind)"
        }
    }

    /// Prints a progress line at once (stdout; stderr may be redirected by a benchmark).
    func progress(_ text: String) {
        print("· \(text)")
        fflush(nil)
    }

    /// Prepares the cases, times them with interleaved samples and undoes their set-up.
    ///
    /// - Parameters:
    ///   - cases: the call sites, each wrapped by `wrap` (e.g. to count the events it emits).
    ///   - maximumIterations: a cap on iterations per sample.
    ///   - betweenSamples: runs untimed after each sample.
    func time(
        _ cases: [PreparedCase],
        maximumIterations: UInt64 = .max,
        betweenSamples: () -> Void = {}
    ) -> [Measurement] {
        sampler.compare(cases.map(\.body), maximumIterations: maximumIterations, betweenSamples: betweenSamples)
    }

    /// Instructions per iteration of a case, or why there is no figure.
    func instructions(
        of callSite: CallSiteCase, to destination: StandardErrorRedirection.Destination = .devNull
    ) -> (value: Double?, note: String) {
        guard let callgrind else { return (nil, callgrindAbsence) }
        let caseID = callSite.rawValue + (destination == .pipe ? "@pipe" : "")
        progress("callgrind: \(caseID)")
        do {
            return (try callgrind.instructionsPerIteration(ofCase: caseID, share: callSite.callgrindShare), "")
        } catch {
            return (nil, "callgrind failed: \(error)")
        }
    }

    /// The note on a timing comparison: how noisy each side's samples were, e.g. `IQR: Swift 1.2%, C 0.8%`.
    static func spreadNote(_ measurements: [Measurement], labels: [String]) -> String {
        "IQR: " + zip(labels, measurements).map { "\($0) \(Format.number($1.spreadPercent))%" }
            .joined(separator: ", ")
    }

    /// Notes joined into one cell, each said once.
    static func joinNotes(_ notes: [String]) -> String {
        var seen: Set<String> = []
        return notes.filter { !$0.isEmpty && seen.insert($0).inserted }.joined(separator: "; ")
    }
}
