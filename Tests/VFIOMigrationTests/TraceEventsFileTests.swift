import Foundation
import Testing
import TraceEventsGeneratorCore

/// One line of a trace-events file, split the simple way (enough for the well-formed files checked here).
private struct EventLine: Equatable {
    var name: String
    var arguments: String
    var format: String
    /// The `# file` comment above it.
    var group: String
}

private let packageRoot = TestPaths.packageRoot

private func parseEvents(_ text: String, onlyGroup: String? = nil) -> [EventLine] {
    var group = ""
    var events: [EventLine] = []
    for raw in text.split(separator: "\n", omittingEmptySubsequences: true) {
        let line = raw.trimmingCharacters(in: .whitespaces)
        if line.hasPrefix("#") {
            let comment = line.dropFirst().trimmingCharacters(in: .whitespaces)
            if comment.hasSuffix(".c") || comment.hasSuffix(".swift") { group = comment }
            continue
        }
        guard let open = line.firstIndex(of: "("), let close = line.firstIndex(of: ")") else { continue }
        if let onlyGroup, group != onlyGroup { continue }
        events.append(
            EventLine(
                name: String(line[..<open]), arguments: String(line[line.index(after: open)..<close]),
                format: line[line.index(after: close)...].trimmingCharacters(in: .whitespaces), group: group))
    }
    return events
}

@Suite("root trace-events")
struct TraceEventsFileTests {
    private let events: [EventLine]

    init() throws {
        events = parseEvents(try String(contentsOf: packageRoot.appendingPathComponent("trace-events"), encoding: .utf8))
    }

    @Test("holds QEMU's migration.c events of the v1-and-v2 era, v1 ones under the renamed names", .needs(.shared))
    func matchesHistory() throws {
        let history = parseEvents(try SharedData.text(of: try SharedData.vfioHistory("v1-and-v2")), onlyGroup: "migration.c")
        #expect(history.count > 20)
        // The issue names the v1 pending event vfio_v1_save_pending; the history file calls it vfio_v1_state_pending.
        let renamed = ["vfio_v1_state_pending": "vfio_v1_save_pending"]
        for event in history {
            let name = renamed[event.name] ?? event.name
            let ours = events.first { $0.name == name }
            #expect(ours?.arguments == event.arguments, "\(name) arguments")
            #expect(ours?.format == event.format, "\(name) format")
        }
        #expect(!events.contains { $0.name == "vfio_v1_state_pending" })
        let v1Renames = [
            "vfio_migration_v1_set_state", "vfio_v1_vmstate_change", "vfio_v1_save_pending",
            "vfio_v1_save_complete_precopy", "vfio_v1_load_state_device_data",
        ]
        for name in v1Renames { #expect(events.contains { $0.name == name }, "\(name)") }
    }

    @Test("every event is called from the source file its group comment names, as the sync checker sees calls")
    func everyEventCalled() throws {
        let sources = packageRoot.appendingPathComponent("Sources/VFIOMigration")
        var calls: [String: Set<String>] = [:]
        var texts: [(path: String, text: String)] = []
        let enumerator = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL {
            guard url.pathExtension == "swift" else { continue }
            let text = try String(contentsOf: url, encoding: .utf8)
            texts.append((url.path, text))
            // The checker's own lexer: a call in a comment or a string does not count.
            for token in SourceScanner.traceTokens(in: text, path: url.path, language: .swift) where token.isCall && !token.isDeclaration {
                calls[url.lastPathComponent, default: []].insert(token.eventName)
            }
        }
        #expect(!events.isEmpty)
        for event in events {
            #expect(calls[event.group]?.contains(event.name) == true, "\(event.name) is not called in \(event.group)")
        }
        let root = TraceEventsParser().parse(
            try String(contentsOf: packageRoot.appendingPathComponent("trace-events"), encoding: .utf8), path: "trace-events").file
        let diagnostics = UsageChecker(unusedSeverity: .error).check([root], sources: texts)
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.description).joined(separator: "\n"))")
    }

    @Test("uses only QEMU's allowed argument types and at most 10 arguments")
    func argumentTypes() {
        let allowed: Set<String> = [
            "const char *", "int", "unsigned", "uint32_t", "uint64_t", "int64_t", "int32_t", "bool", "size_t",
            "uint8_t", "uint16_t", "long", "unsigned long",
        ]
        for event in events {
            let arguments = event.arguments.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            #expect(arguments.count <= 10, "\(event.name)")
            for argument in arguments {
                let type = argument.hasPrefix("const char *")
                    ? "const char *" : argument.split(separator: " ").dropLast().joined(separator: " ")
                #expect(allowed.contains(type), "\(event.name): \(argument)")
            }
            #expect(!event.format.hasSuffix("\\n\""), "\(event.name)")
        }
    }
}
