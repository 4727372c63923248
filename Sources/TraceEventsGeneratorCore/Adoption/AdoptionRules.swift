// This file is compiled twice: into TraceEventsGeneratorCore (for `swift-tracetool doctor` and `init`) and,
// through the symbolic link Plugins/TraceEventsPlugin/AdoptionRules.swift, into the build plugin, which can
// depend on no library. So each rule is written once, and the file uses the standard library only.

/// The rules a package must follow to use TraceEventsPlugin, each checked on the texts of its files and
/// reported with the one change that fixes it. The build plugin stops the build with them (before any
/// compiler error); `swift-tracetool doctor` lists them.
public enum AdoptionRules {
    /// One broken rule: where, what, and the change that fixes it.
    public struct Finding: Hashable, Sendable, CustomStringConvertible {
        /// Whether the build can go on.
        public enum Severity: String, Hashable, Sendable {
            /// The build cannot work: it stops.
            case error
            /// The build works but does not do what the package wants.
            case warning
        }

        /// Whether the build can go on.
        public var severity: Severity
        /// The file to change.
        public var file: String
        /// The 1-based line to change (or to add after).
        public var line: Int
        /// What is wrong.
        public var problem: String
        /// The one change that fixes it.
        public var fix: String

        /// Creates a finding.
        public init(_ severity: Severity, file: String, line: Int, problem: String, fix: String) {
            self.severity = severity
            self.file = file
            self.line = line
            self.problem = problem
            self.fix = fix
        }

        /// `FILE:LINE:1: SEVERITY: PROBLEM; fix: FIX`, the form SwiftPM and editors show at the line.
        public var description: String { "\(file):\(line):1: \(severity.rawValue): \(problem); fix: \(fix)" }
    }

    /// The tools-version feature that makes SwiftPM compile plugin-generated C.
    public static let toolsVersionFeature = "experimentalCGen"
    /// The lowest tools version that has it (and package traits).
    public static let minimumToolsVersion = [6, 3]
    /// The trait name generated Swift tests (`#if LTTng`).
    public static let traitName = "LTTng"

    /// The generated header's file name for a C target.
    public static func generatedHeaderName(forCTarget name: String) -> String { "\(name)_generated.h" }

    /// The line a C target's umbrella header must contain.
    public static func umbrellaInclude(forCTarget name: String) -> String { "#include \"\(generatedHeaderName(forCTarget: name))\"" }

    /// The tools-version line a manifest needs: its own version when at least 6.3, with the feature.
    public static func requiredToolsVersionLine(manifest: String) -> String {
        let version = toolsVersion(in: manifest).map { $0.lexicographicallyPrecedes(minimumToolsVersion) ? minimumToolsVersion : $0 }
            ?? minimumToolsVersion
        return "// swift-tools-version: \(version.map(String.init).joined(separator: "."));(\(toolsVersionFeature))"
    }

    /// The manifest's first line must declare `;(experimentalCGen)`: without it SwiftPM silently does not
    /// compile the generated C, and the build fails much later with "'..._generated.h' file not found".
    public static func checkToolsVersion(manifest: String, path: String) -> Finding? {
        let first = manifest.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        let features = first.split(separator: ";").dropFirst().map { $0.filter { $0 != " " } }
        let version = toolsVersion(in: manifest)
        if features.contains("(\(toolsVersionFeature))"), let version, !version.lexicographicallyPrecedes(minimumToolsVersion) { return nil }
        return Finding(
            .error, file: path, line: 1,
            problem: "TraceEventsPlugin's C tracepoint provider is compiled only with SwiftPM's \(toolsVersionFeature) feature "
                + "(tools version 6.3 or later); without it the build fails with \"'..._generated.h' file not found\"",
            fix: "change line 1 to: \(requiredToolsVersionLine(manifest: manifest))")
    }

    /// The `major.minor[.patch]` of a manifest's `// swift-tools-version:` line.
    public static func toolsVersion(in manifest: String) -> [Int]? {
        let first = manifest.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        guard first.hasPrefix("//"), let colon = first.firstIndex(of: ":"),
              first[..<colon].lowercased().contains("swift-tools-version") else { return nil }
        let text = first[first.index(after: colon)...].prefix { $0 != ";" }.filter { $0 != " " }
        let parts = text.split(separator: ".").map { Int($0) }
        guard !parts.isEmpty, parts.allSatisfy({ $0 != nil }) else { return nil }
        return parts.map { $0! }
    }

    /// Settings that turn LTTng on (the C target's `STE_LTTNG` define, `lttng-ust` linking) must depend on a
    /// trait named exactly `LTTng`: generated Swift tests `#if LTTng`, so under another name lttng-ust is
    /// linked and the provider registered but no Swift call records anything. One finding per such line.
    public static func checkTraitNames(manifest: String, path: String) -> [Finding] {
        let lines = manifest.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var findings: [Finding] = []
        for (index, line) in lines.enumerated() where line.contains("\"STE_LTTNG\"") || line.contains("\"lttng-ust\"") {
            let names = conditionTraits(in: line)
            guard !names.isEmpty, !names.contains(traitName) else { continue }
            let fixed = names.reduce(line) { text, name in text.replacing("\"\(name)\"", with: "\"\(traitName)\"") }
                .trimmingLeadingBlanks()
            var fix = "change line \(index + 1) to: \(fixed)"
            if let declaration = lines.firstIndex(where: { declaredTrait(in: $0).map(names.contains) ?? false }) {
                fix += " (and rename the trait on line \(declaration + 1): .trait(name: \"\(traitName)\"))"
            }
            findings.append(Finding(
                .warning, file: path, line: index + 1,
                problem: "LTTng is turned on by trait \(names.map { "'\($0)'" }.joined(separator: ", ")), but generated Swift "
                    + "records only under a trait named exactly '\(traitName)' (#if \(traitName)): with this name lttng-ust is "
                    + "linked and nothing is recorded",
                fix: fix))
        }
        return findings
    }

    /// A C target's umbrella header `include/<CTarget>.h` must include the generated header, or Swift sees
    /// none of the accessors the generated functions call.
    ///
    /// - Parameter text: the header's contents, nil when it does not exist.
    public static func checkUmbrellaHeader(cTarget: String, path: String, text: String?) -> Finding? {
        let include = umbrellaInclude(forCTarget: cTarget)
        guard let text else {
            return Finding(
                .error, file: path, line: 1,
                problem: "C target '\(cTarget)' applies TraceEventsPlugin but has no umbrella header",
                fix: "create \(path) with the line: \(include)")
        }
        if text.split(separator: "\n").contains(where: { $0.trimmingLeadingBlanks() == include }) { return nil }
        return Finding(
            .error, file: path, line: text.split(separator: "\n", omittingEmptySubsequences: false).count,
            problem: "C target '\(cTarget)''s umbrella header does not include the header TraceEventsPlugin generates, so "
                + "Swift would see no tracepoint",
            fix: "add the line: \(include)")
    }

    /// A Swift target that applies the plugin needs its C tracepoints target as a dependency.
    ///
    /// - Parameters:
    ///   - existing: whether the package already has the C target `<swiftTarget>Tracepoints`.
    ///   - manifest: the manifest's text, to point at the target's line.
    public static func missingTracepointsTarget(swiftTarget: String, existing: Bool, manifest: String, path: String) -> Finding {
        let cTarget = "\(swiftTarget)Tracepoints"
        let lines = manifest.split(separator: "\n", omittingEmptySubsequences: false)
        let line = (lines.firstIndex { $0.contains("name: \"\(swiftTarget)\"") } ?? 0) + 1
        return Finding(
            .error, file: path, line: line,
            problem: "Swift target '\(swiftTarget)' applies TraceEventsPlugin but depends on no C target that holds its tracepoints",
            fix: existing
                ? "add \"\(cTarget)\" to the dependencies of target '\(swiftTarget)'"
                : "add a C target '\(cTarget)' that applies TraceEventsPlugin and make '\(swiftTarget)' depend on it "
                    + "(`swift-tracetool init --target \(swiftTarget)` writes both)")
    }

    /// The names in the first `traits: [...]` of a line, e.g. `.when(traits: ["LTTng"])`.
    static func conditionTraits(in line: String) -> [String] {
        guard let label = line.firstRange(of: "traits:") else { return [] }
        let rest = line[label.upperBound...].drop { $0 == " " }
        guard rest.first == "[", let close = rest.firstIndex(of: "]") else { return [] }
        return rest[rest.index(after: rest.startIndex)..<close].split(separator: ",").compactMap { item in
            let trimmed = item.filter { $0 != " " }
            guard trimmed.count >= 2, trimmed.first == "\"", trimmed.last == "\"" else { return nil }
            return String(trimmed.dropFirst().dropLast())
        }
    }

    /// The name of a `.trait(name: "X"` declaration on a line that is not a dependency's trait list.
    static func declaredTrait(in line: String) -> String? {
        guard !line.contains(".package("), let start = line.firstRange(of: ".trait(name: \"") else { return nil }
        let rest = line[start.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }
}

extension StringProtocol {
    fileprivate func trimmingLeadingBlanks() -> String { String(drop { $0 == " " || $0 == "\t" }) }
}
