import Foundation
import Testing
@testable import TraceEventsGeneratorCore

@Suite struct RenameTests {
    /// The pairs of QEMU's "vfio/migration: Rename functions/structs related to v1 protocol".
    private static let v1Renames = [
        RenamePair(old: "vfio_migration_set_state", new: "vfio_migration_v1_set_state"),
        RenamePair(old: "vfio_vmstate_change", new: "vfio_v1_vmstate_change"),
        RenamePair(old: "vfio_save_setup", new: "vfio_v1_save_setup"),
        RenamePair(old: "vfio_state_pending", new: "vfio_v1_state_pending"),
        RenamePair(old: "vfio_save_complete_precopy", new: "vfio_v1_save_complete_precopy"),
        RenamePair(old: "vfio_load_state_device_data", new: "vfio_v1_load_state_device_data"),
    ]

    @Test(.needs(.shared)) func v1RenameReproducesQEMUsFileByteForByte() throws {
        let before = try SharedData.text(of: try SharedData.vfioHistory("before-v1-rename"))
        let after = try SharedData.text(of: try SharedData.vfioHistory("after-v1-rename"))
        let updates = try EventRenamer(pairs: Self.v1Renames).plan(eventFiles: [("te", before)], sources: [])
        #expect(updates.count == 1)
        #expect(updates.first?.updated == Array(after.utf8))
    }

    @Test func pairsFileMatchesCommandLinePairs() throws {
        let text = """
            # the v1 rename
            vfio_migration_set_state vfio_migration_v1_set_state
            vfio_vmstate_change\tvfio_v1_vmstate_change   # a trailing comment

            vfio_save_setup vfio_v1_save_setup
            vfio_state_pending vfio_v1_state_pending
            vfio_save_complete_precopy vfio_v1_save_complete_precopy
            vfio_load_state_device_data vfio_v1_load_state_device_data
            """
        #expect(try RenamePair.pairs(fromFileText: text, path: "p") == Self.v1Renames)
        let error = #expect(throws: RenamePair.ParseError.self) {
            try RenamePair.pairs(fromFileText: "a b\n  c d e\n", path: "p")
        }
        #expect(error?.description.hasPrefix("p:2:3: error:") == true)
        #expect(throws: RenamePair.ParseError.self) { try RenamePair.pairs(fromWords: ["a", "b", "c"]) }
    }

    @Test func renamesWholeTokensInCodeOnly() throws {
        let events = "vfio_save(void)\nvfio_save_setup(void)\n"
        let source = """
            trace_vfio_save()
            trace_vfio_save_setup()
            // trace_vfio_save()
            let s = "trace_vfio_save()"
            print("\\(trace_vfio_save())")

            """
        let updates = try EventRenamer(pairs: [RenamePair(old: "vfio_save", new: "vfio_store")])
            .plan(eventFiles: [("te", events)], sources: [("a.swift", source), ("b.swift", "trace_other()\n")])
        #expect(updates.map(\.path) == ["te", "a.swift"])
        #expect(String(decoding: updates[0].updated, as: UTF8.self) == "vfio_store(void)\nvfio_save_setup(void)\n")
        let expected = """
            trace_vfio_store()
            trace_vfio_save_setup()
            // trace_vfio_save()
            let s = "trace_vfio_save()"
            print("\\(trace_vfio_store())")

            """
        #expect(String(decoding: updates[1].updated, as: UTF8.self) == expected)
    }

    @Test func swapsApplyAtOnce() throws {
        let updates = try EventRenamer(pairs: [RenamePair(old: "a", new: "b"), RenamePair(old: "b", new: "a")])
            .plan(eventFiles: [("te", "a(int x) \"%d\"\nb(void)\n")], sources: [("s.c", "trace_a(1); trace_b();")])
        #expect(String(decoding: updates[0].updated, as: UTF8.self) == "b(int x) \"%d\"\na(void)\n")
        #expect(String(decoding: updates[1].updated, as: UTF8.self) == "trace_b(1); trace_a();")
    }

    @Test(arguments: [
        ([RenamePair(old: "a", new: "b")], "already exists"),
        ([RenamePair(old: "zz", new: "y")], "no trace-events file given defines it"),
        ([RenamePair(old: "a", new: "y"), RenamePair(old: "b", new: "y")], "two events would be renamed to 'y'"),
        ([RenamePair(old: "a", new: "y"), RenamePair(old: "a", new: "z")], "renamed twice"),
        ([RenamePair(old: "a", new: "9x")], "not a valid event name"),
    ])
    func refusesUnsafeRenames(pairs: [RenamePair], expected: String) throws {
        let error = #expect(throws: EventRenamer.RenameError.self) {
            try EventRenamer(pairs: pairs).plan(eventFiles: [("te", "a(void)\nb(void)\n")], sources: [])
        }
        #expect(error?.description.contains(expected) == true, "\(String(describing: error))")
    }

    @Test func refusesFilesWithSyntaxErrors() throws {
        let error = #expect(throws: EventRenamer.RenameError.self) {
            try EventRenamer(pairs: [RenamePair(old: "a", new: "c")]).plan(eventFiles: [("te", "a(void)\nb(int\n")], sources: [])
        }
        #expect(error?.description.hasPrefix("te:2:") == true)
    }

    /// Makes `path` immutable with chattr(1), which stops even root from replacing it (rename(2) onto it
    /// fails with EPERM), unlike chmod.
    private func chattr(_ flag: String, _ path: String) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/chattr")
        process.arguments = [flag, path]
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    @Test func failedWriteLeavesEveryFileAsItWas() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let eventsPath = try scratch.write("trace-events", "vfio_save(void)\nvfio_load(void)\n")
        let first = try scratch.write("src/a.swift", "trace_vfio_save()\n")
        let locked = try scratch.write("src/z.swift", "trace_vfio_save(); trace_vfio_load()\n")
        let files = [eventsPath, first, locked]
        let originals = try files.map { try String(contentsOfFile: $0, encoding: .utf8) }

        try #require(try chattr("+i", locked) == 0, "chattr +i must work on the temporary directory's file system")
        defer { _ = try? chattr("-i", locked) }
        let updates = try EventRenamer(pairs: [RenamePair(old: "vfio_save", new: "vfio_store")]).plan(
            eventFiles: [(eventsPath, originals[0])], sources: [(first, originals[1]), (locked, originals[2])])
        // The locked file comes last, so the two before it have been replaced when its rename fails.
        #expect(updates.map(\.path) == files)
        let error = #expect(throws: AtomicFileWriter.WriteError.self) { try AtomicFileWriter.apply(updates) }
        #expect(error?.path == locked)
        #expect(error?.description.contains(locked) == true)
        #expect(error?.restoreFailures.isEmpty == true)
        #expect(try files.map { try String(contentsOfFile: $0, encoding: .utf8) } == originals)
        // No temporary file is left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path + "/src").sorted() == ["a.swift", "z.swift"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path).sorted() == ["src", "trace-events"])
    }

    @Test func unwritableDirectoryChangesNothing() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let eventsPath = try scratch.write("trace-events", "vfio_save(void)\n")
        let source = try scratch.write("locked/a.swift", "trace_vfio_save()\n")
        try #require(try chattr("+i", scratch.path + "/locked") == 0)
        defer { _ = try? chattr("-i", scratch.path + "/locked") }
        let updates = try EventRenamer(pairs: [RenamePair(old: "vfio_save", new: "vfio_store")]).plan(
            eventFiles: [(eventsPath, "vfio_save(void)\n")], sources: [(source, "trace_vfio_save()\n")])
        let error = #expect(throws: AtomicFileWriter.WriteError.self) { try AtomicFileWriter.apply(updates) }
        #expect(error?.path == source)
        #expect(try String(contentsOfFile: eventsPath, encoding: .utf8) == "vfio_save(void)\n")
        #expect(try String(contentsOfFile: source, encoding: .utf8) == "trace_vfio_save()\n")
    }

    @Test func successfulWriteKeepsTheFileMode() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let path = try scratch.write("trace-events", "a(void)\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: path)
        try AtomicFileWriter.apply([FileUpdate(path: path, original: Array("a(void)\n".utf8), updated: Array("b(void)\n".utf8))])
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "b(void)\n")
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o640)
    }

    @Test func symbolicLinksAreFollowed() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let target = try scratch.write("real/trace-events", "a(void)\n")
        let link = scratch.path + "/trace-events"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        try AtomicFileWriter.apply([FileUpdate(path: link, original: Array("a(void)\n".utf8), updated: Array("b(void)\n".utf8))])
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == target)
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "b(void)\n")
    }
}
