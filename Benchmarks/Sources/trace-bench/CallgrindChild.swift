import Foundation

/// Child mode: `count` iterations of one case inside the region callgrind measures, nothing else.
enum CallgrindChild {
    /// Runs the case and returns the exit status (0, or 1 with a message on stdout).
    /// `caseID` may end in `@pipe`: descriptor 2 is then a pipe drained by another thread instead of /dev/null.
    static func run(caseID: String, count: UInt64) -> Int32 {
        let parts = caseID.split(separator: "@", maxSplits: 1).map(String.init)
        let destination: StandardErrorRedirection.Destination = parts.count > 1 && parts[1] == "pipe" ? .pipe : .devNull
        guard let callSite = CallSiteCase(rawValue: parts.first ?? caseID) else {
            print("trace-bench: error: unknown case '\(caseID)'; cases: "
                + CallSiteCase.allCases.map(\.rawValue).joined(separator: ", "))
            return 1
        }
        do {
            let redirection = callSite.writesStandardError ? try StandardErrorRedirection(to: destination) : nil
            defer { redirection?.restore() }
            let prepared = try callSite.prepare(.standard)
            prepared.runInMeasuredRegion(count: count)
            prepared.finish()
            return 0
        } catch {
            print("trace-bench: error: \(error)")
            return 1
        }
    }
}
