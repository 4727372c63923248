import TraceEventsGeneratorCore

/// What doctor found, in order, and how many problems.
struct DoctorReport {
    private(set) var lines: [String] = []
    private(set) var problems = 0

    mutating func ok(_ text: String) { lines.append("ok: \(text)") }

    mutating func problem(_ text: String, fix: String) {
        problems += 1
        lines.append("problem: \(text)\n  fix: \(fix)")
    }

    mutating func add(_ finding: AdoptionRules.Finding) {
        problems += 1
        lines.append(finding.description)
    }

    mutating func add(_ diagnostic: Diagnostic) {
        if diagnostic.severity == .error { problems += 1 }
        lines.append(diagnostic.description)
    }
}
