import Foundation
import Testing
import TraceEventsGeneratorCore

/// `swift-tracetool check` and `list` as a user runs them: exit status, standard output and standard error.
@Suite struct CommandLineTests {
    /// A fresh directory holding `files` (relative path → contents).
    static func directory(with files: [String: String]) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("tracetool-test-\(UUID().uuidString)")
        for (path, contents) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try contents.write(to: url, atomically: true, encoding: .utf8)
        }
        return root
    }

    static let broken = """
        # pci.c
        good(uint64_t addr) "addr 0x%" PRIx64
        width(uint32_t size) "size %lx"
        count(int a, int b) "%d"
        kind(Error *err) "%p"
        good(void)
        flag(int a) "%#d"

        """

    @Test func checkReportsEveryErrorOfAFileInOneRunAndFails() throws {
        let root = try Self.directory(with: ["trace-events": Self.broken])
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try Tracetool.run(["check", "trace-events"], in: root)
        #expect(result.status == 1)
        #expect(result.standardOutput.isEmpty)
        #expect(
            result.standardError.split(separator: "\n") == [
                "trace-events:3:28: error: format '%lx' expects an argument of type 'unsigned long', but argument "
                    + "'size' has type 'uint32_t'; write %x instead",
                "trace-events:3:7: note: argument 'size' is declared here",
                "trace-events:4:14: error: too many arguments for format: 'b' is not used by the format",
                "trace-events:5:6: error: argument type 'Error *' is not allowed ('Error' is not a standard C or "
                    + "fixed-width integer type); \(allowedTypesAdvice)",
                "trace-events:6:1: error: duplicate event name 'good' (first defined on line 2)",
                "trace-events:2:1: note: 'good' is first defined here",
                "trace-events:7:14: warning: '#' flag used with '%d' in '%#d' (gcc -Wformat warns)",
                "4 errors, 1 warning in 1 file",
            ])
    }

    @Test func checkIsSilentAndSucceedsOnCleanFiles() throws {
        let root = try Self.directory(with: [
            "a/trace-events": "# a.c\na_event(const char *name) \"%s\"\n",
            "b/trace-events": "b_event(void)\n",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try Tracetool.run(["check", "a/trace-events", "b/trace-events"], in: root)
        #expect(result.status == 0)
        #expect(result.standardOutput.isEmpty)
        #expect(result.standardError.isEmpty)
    }

    @Test func warningsPassUnlessTheyAreErrors() throws {
        let root = try Self.directory(with: ["trace-events": "flag(int a) \"%#d\"\n", "clean": "ok(void)\n"])
        defer { try? FileManager.default.removeItem(at: root) }
        let lenient = try Tracetool.run(["check", "trace-events", "clean"], in: root)
        #expect(lenient.status == 0)
        #expect(
            lenient.standardError == "trace-events:1:14: warning: '#' flag used with '%d' in '%#d' (gcc -Wformat warns)\n"
                + "0 errors, 1 warning in 2 files\n")
        let strict = try Tracetool.run(["check", "--warnings-as-errors", "trace-events", "clean"], in: root)
        #expect(strict.status == 1)
        #expect(
            strict.standardError == "trace-events:1:14: error: '#' flag used with '%d' in '%#d' (gcc -Wformat warns)\n"
                + "1 error, 0 warnings in 2 files\n")
    }

    @Test func checkReportsFilesItCannotRead() throws {
        let root = try Self.directory(with: ["trace-events": "ok(void)\n"])
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try Tracetool.run(["check", "missing", "trace-events"], in: root)
        #expect(result.status == 1)
        #expect(result.standardError == "missing: error: cannot read file: no such file or directory\n1 error, 0 warnings in 2 files\n")
        let none = try Tracetool.run(["check"], in: root)
        #expect(none.status != 0 && none.status != 1)
        #expect(none.standardError.contains("Missing expected argument"))
    }

    @Test func listPrintsOneTabSeparatedLinePerEventWithQEMUGroupNames() throws {
        let root = try Self.directory(with: [
            "hw/vfio/trace-events": """
                # pci.c
                vfio_a(const char *name, uint64_t addr) "%s 0x%" PRIx64 " \\"quoted\\""
                disable vfio_b(void)

                """,
            "trace-events": "top(int level) \"level %d\"\n",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try Tracetool.run(["list", "hw/vfio/trace-events", "trace-events"], in: root)
        #expect(result.status == 0)
        #expect(result.standardError.isEmpty)
        #expect(
            result.standardOutput.split(separator: "\n") == [
                "hw/vfio/trace-events:2\thw_vfio\tpci.c\tvfio_a\t-\t(const char *name, uint64_t addr)\t"
                    + "\"%s 0x%\"PRIx64\" \\\"quoted\\\"\"\t\"%s 0x%lx \\\"quoted\\\"\"",
                "hw/vfio/trace-events:3\thw_vfio\tpci.c\tvfio_b\tdisable\t(void)\t-\t-",
                "trace-events:1\troot\t-\ttop\t-\t(int level)\t\"level %d\"\t\"level %d\"",
            ])
        let rooted = try Tracetool.run(["list", "--root", "hw", "hw/vfio/trace-events"], in: root)
        #expect(rooted.standardOutput.split(separator: "\n").map { $0.split(separator: "\t")[1] } == ["vfio", "vfio"])
    }

    @Test func listJSONFollowsTheDocumentedSchema() throws {
        let root = try Self.directory(with: [
            "hw/vfio/trace-events": "# pci.c\nvfio_a(const char* name, unsigned width, uint32_t value) \"%s %0*x\"\nvfio_b(void)\n"
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try Tracetool.run(["list", "--json", "hw/vfio/trace-events"], in: root)
        #expect(result.status == 0)
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        #expect(object["schemaVersion"] as? Int == 1)
        let files = try #require(object["files"] as? [[String: Any]])
        #expect(files.count == 1)
        #expect(files[0]["path"] as? String == "hw/vfio/trace-events")
        #expect(files[0]["group"] as? String == "hw_vfio")
        let events = try #require(files[0]["events"] as? [[String: Any]])
        #expect(events.map { $0["name"] as? String } == ["vfio_a", "vfio_b"])
        #expect(Set(events[1].keys) == [
            "name", "group", "file", "line", "column", "sourceFile", "properties", "arguments", "format",
            "implicitArguments", "executionFormat", "expandedEvents",
        ])
        #expect(events[1]["format"] is NSNull)
        #expect(events[0]["line"] as? Int == 2)
        #expect(events[0]["sourceFile"] as? String == "pci.c")
        let arguments = try #require(events[0]["arguments"] as? [[String: String]])
        #expect(arguments == [
            ["name": "name", "type": "const char *", "typeAsWritten": "const char*"],
            ["name": "width", "type": "unsigned int", "typeAsWritten": "unsigned"],
            ["name": "value", "type": "uint32_t", "typeAsWritten": "uint32_t"],
        ])
        let format = try #require(events[0]["format"] as? [String: Any])
        #expect(format["source"] as? String == "\"%s %0*x\"")
        #expect(format["printf"] as? String == "%s %0*x")
        #expect(format["conversions"] as? [String] == ["%s", "%0*x"])
    }

    @Test func listRefusesFilesWithErrors() throws {
        let root = try Self.directory(with: ["trace-events": "ok(void)\nbad(int a) \"%s\"\n"])
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try Tracetool.run(["list", "--json", "trace-events"], in: root)
        #expect(result.status == 1)
        #expect(result.standardOutput.isEmpty)
        #expect(result.standardError.hasPrefix(
            "trace-events:2:13: error: format '%s' expects an argument of type 'char *', but argument 'a' has type 'int'"))
        #expect(result.standardError.hasSuffix("1 error, 0 warnings in 1 file\n"))
    }

    @Test(.needs(.shared)) func listJSONOfSharedQEMUFilesCountsTheirEventLines() throws {
        try Self.expectListingCountsEventLines(of: Array(try SharedData.qemuTraceEventsFiles().prefix(5)))
    }

    @Test(.needs(.qemu72)) func listJSONOfQEMU72CountsItsEventLines() throws {
        try Self.expectListingCountsEventLines(of: [try QEMU72.acceptedCopy()])
    }

    static func expectListingCountsEventLines(of files: [URL]) throws {
        let result = try Tracetool.run(["list", "--json"] + files.map(\.path))
        #expect(result.status == 0)
        let listing = try JSONDecoder().decode(EventListing.self, from: Data(result.standardOutput.utf8))
        #expect(listing.files.count == files.count)
        for (url, listed) in zip(files, listing.files) {
            let text = try String(contentsOf: url, encoding: .utf8)
            #expect(listed.events.count == CorpusCheckTests.eventLineCount(text), "\(url.path)")
        }
    }
}
