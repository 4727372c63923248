import Foundation
import Testing
import TraceEventsGeneratorCore

/// QEMU compiles its trace-events files with -Wformat, so every one of them must pass `check` cleanly, and
/// `list` must account for every event line.
@Suite struct CorpusCheckTests {
    /// The lines of `text` that define events: not blank, not comments.
    static func eventLineCount(_ text: String) -> Int {
        text.split(separator: "\n", omittingEmptySubsequences: false).filter {
            let trimmed = $0.trimmingCharacters(in: .whitespaces)
            return !trimmed.isEmpty && !trimmed.hasPrefix("#")
        }.count
    }

    @Test(.needs(.shared)) func everySharedQEMUFilePassesCheckWithoutAnyDiagnostic() throws {
        let files = try SharedData.qemuTraceEventsFiles()
        #expect(files.count >= 60)
        try Self.expectNoDiagnostics(files)
    }

    /// QEMU 7.2 still has "\n" inside a few formats, which QEMU 9.1 began to reject: the only diagnostics are
    /// those warnings.
    @Test(.needs(.qemu72)) func qemu72TraceEventsAllPassesCheckWithOnlyTheNewlineWarnings() throws {
        let diagnostics = try TraceEventsLoader.load(path: try QEMU72.acceptedCopy().path).diagnostics
        let unexpected = diagnostics.filter { !$0.message.hasPrefix("format contains '\\n'; QEMU 9.1 and later") }
        #expect(unexpected.isEmpty, "\(unexpected.map(\.description).joined(separator: "\n"))")
        #expect(diagnostics.count < 20)
    }

    /// The lines of Debian's trace-events-all that fail `check` are exactly those ``QEMU72/notYetAccepted``
    /// lists: when the parser learns one, this fails until the list forgets it.
    @Test(.needs(.qemu72)) func qemu72TraceEventsAllFailsOnlyOnTheLinesListedAsNotYetAccepted() throws {
        let original = try QEMU72.originalFile()
        let diagnostics = try TraceEventsLoader.load(path: original.path).diagnostics
        let failing = Set(diagnostics.filter { $0.severity == .error }.map(\.location.line))
        let listed = Set(QEMU72.notYetAccepted.keys)
        #expect(failing.subtracting(listed).isEmpty,
                "lines that fail but are not listed in QEMU72.notYetAccepted:\n\(diagnostics.filter { !listed.contains($0.location.line) }.map(\.description).joined(separator: "\n"))")
        #expect(listed.subtracting(failing).isEmpty,
                "now accepted, remove from QEMU72.notYetAccepted: \(listed.subtracting(failing).sorted().map { "\($0): \(QEMU72.notYetAccepted[$0]!)" })")
    }

    static func expectNoDiagnostics(_ files: [URL]) throws {
        for url in files {
            let diagnostics = try TraceEventsLoader.load(path: url.path).diagnostics
            #expect(diagnostics.isEmpty, "\(diagnostics.map(\.description).joined(separator: "\n"))")
        }
    }

    @Test(.needs(.shared)) func everyVFIOHistoryFilePassesCheck() throws {
        let directory = try SharedData.directory().appendingPathComponent("vfio-history")
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter {
            $0.hasPrefix("trace-events")
        }
        #expect(names.count >= 5)
        for name in names {
            // QEMU 7.2's VFIO events still have "\n" inside two formats, which QEMU 9.1 began to reject: the
            // only diagnostics are those warnings.
            let diagnostics = try TraceEventsLoader.load(path: directory.appendingPathComponent(name).path).diagnostics
            let unexpected = diagnostics.filter { !$0.message.hasPrefix("format contains '\\n'; QEMU 9.1 and later") }
            #expect(unexpected.isEmpty, "\(name): \(unexpected.map(\.description).joined(separator: "\n"))")
        }
    }

    @Test(.needs(.qemu72)) func theListingOfQEMU72HasExactlyItsEventLines() throws {
        let url = try QEMU72.acceptedCopy()
        let loaded = [(path: url.path, group: QEMU72.group, file: try TraceEventsLoader.load(path: url.path).file)]
        let listing = try JSONDecoder().decode(EventListing.self, from: try JSONEncoder().encode(EventListing(files: loaded)))
        let listed = try #require(listing.files.first)
        #expect(listed.events.count == Self.eventLineCount(try String(contentsOf: url, encoding: .utf8)))
        #expect(listed.events.allSatisfy { $0.group == QEMU72.group && $0.file == url.path })
        // QEMU 7.2's VFIO events, the ones before the v2 series.
        let probe = try #require(listed.events.first { $0.name == "vfio_migration_probe" })
        #expect(probe.arguments.map(\.type) == ["const char *", "uint32_t"])
    }

    @Test(.needs(.shared)) func theListingHasExactlyTheEventLinesOfEachFileUnderQEMUGroupNames() throws {
        let root = try SharedData.directory().appendingPathComponent("qemu-trace-events")
        let files = try SharedData.qemuTraceEventsFiles()
        let loaded = try files.map { url in
            (path: url.path, group: EventGroupName.group(ofFile: url.path, root: root.path),
                file: try TraceEventsLoader.load(path: url.path).file)
        }
        // Through JSON and back, as `list --json` consumers see it.
        let data = try JSONEncoder().encode(EventListing(files: loaded))
        let listing = try JSONDecoder().decode(EventListing.self, from: data)
        #expect(listing.schemaVersion == 1)
        #expect(listing.files.count == files.count)
        var total = 0
        for (url, listed) in zip(files, listing.files) {
            let expectedCount = Self.eventLineCount(try String(contentsOf: url, encoding: .utf8))
            #expect(listed.events.count == expectedCount, "\(url.path)")
            let relative = url.deletingLastPathComponent().path.dropFirst(root.path.count)
                .split(separator: "/").joined(separator: "_")
            #expect(listed.group == (relative.isEmpty ? "root" : relative.replacingOccurrences(of: "-", with: "_")))
            #expect(listed.events.allSatisfy { $0.group == listed.group && $0.file == url.path })
            total += listed.events.count
        }
        #expect(total > 900)
        let vfio = try #require(listing.files.first { $0.group == "hw_vfio" })
        let interrupt = try #require(vfio.events.first { $0.name == "vfio_intx_interrupt" })
        #expect(interrupt.sourceFile == "pci.c")
        #expect(interrupt.arguments.map(\.type) == ["const char *", "char"])
        #expect(interrupt.format?.conversions == ["%s", "%c"])
    }
}
