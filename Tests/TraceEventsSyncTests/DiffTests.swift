import Foundation
import Testing
@testable import TraceEventsGeneratorCore

@Suite struct DiffTests {
    private static let history = ["v7.2.0", "before-v1-rename", "after-v1-rename", "v1-and-v2", "v1-removed"]

    private func parse(_ url: URL) throws -> TraceEventsFile {
        try SyntaxCheckedFile.parse(path: url.path)
    }

    /// What the test itself considers the same definition, computed from the parsed fields directly.
    private func sameDefinition(_ a: EventDeclaration, _ b: EventDeclaration) -> Bool {
        a.properties == b.properties && a.format?.pieces == b.format?.pieces
            && a.arguments.map { "\($0.type) \($0.name)" } == b.arguments.map { "\($0.type) \($0.name)" }
    }

    @Test(.needs(.shared), arguments: zip(history.dropLast(), history.dropFirst()))
    func consecutiveHistoryDiffsReportWhatReallyChanged(old oldName: String, new newName: String) throws {
        let old = try parse(try SharedData.vfioHistory(oldName))
        let new = try parse(try SharedData.vfioHistory(newName))
        let diff = TraceEventsDiff(old: old, new: new)
        let oldByName = Dictionary(old.events.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let newByName = Dictionary(new.events.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })

        // Every name that disappeared is removed or renamed away; every new name is added or renamed to.
        let gone = Set(oldByName.keys).subtracting(newByName.keys)
        let came = Set(newByName.keys).subtracting(oldByName.keys)
        #expect(Set(diff.removed.map(\.name) + diff.renamed.map(\.old)) == gone)
        #expect(Set(diff.added.map(\.name) + diff.renamed.map(\.new)) == came)
        #expect(diff.removed.count + diff.renamed.count == gone.count)
        // A rename keeps the whole definition; no removed/added pair left over has one in common.
        for rename in diff.renamed {
            #expect(sameDefinition(try #require(oldByName[rename.old]), try #require(newByName[rename.new])))
        }
        for removed in diff.removed {
            for added in diff.added {
                #expect(!sameDefinition(oldByName[removed.name]!, newByName[added.name]!))
            }
        }
        // Changed is exactly the kept names whose definition differs.
        let kept = Set(oldByName.keys).intersection(newByName.keys)
        let differing = kept.filter { !sameDefinition(oldByName[$0]!, newByName[$0]!) }
        #expect(Set(diff.changed.map(\.name)) == differing)
        #expect(diff.isEmpty == (gone.isEmpty && came.isEmpty && differing.isEmpty))
    }

    @Test(.needs(.shared)) func theV1RenameIsSixRenamesAndNothingElse() throws {
        let diff = TraceEventsDiff(
            old: try parse(try SharedData.vfioHistory("before-v1-rename")),
            new: try parse(try SharedData.vfioHistory("after-v1-rename")))
        #expect(diff.added.isEmpty && diff.removed.isEmpty && diff.changed.isEmpty)
        #expect(diff.renamed.count == 6)
        #expect(diff.renamed.contains(TraceEventsDiff.Rename(old: "vfio_save_setup", new: "vfio_v1_save_setup", oldLine: 155, newLine: 155)))
        #expect(diff.report.hasSuffix("0 added, 0 removed, 6 renamed, 0 changed\n"))
    }

    @Test(.needs(.shared)) func knownFactsOfTheV2Series() throws {
        // v7.2.0 -> before-v1-rename: vfio_migration_probe lost its region index argument.
        let probe = TraceEventsDiff(
            old: try parse(try SharedData.vfioHistory("v7.2.0")), new: try parse(try SharedData.vfioHistory("before-v1-rename")))
        let change = try #require(probe.changed.first { $0.name == "vfio_migration_probe" })
        #expect(change.changes.map(\.aspect) == [.arguments, .format])
        #expect(change.changes[0].details.contains("argument 'index' (uint32_t) was removed"))
        // v1-and-v2 -> v1-removed: the v1 events are gone, nothing is added.
        let removal = TraceEventsDiff(
            old: try parse(try SharedData.vfioHistory("v1-and-v2")), new: try parse(try SharedData.vfioHistory("v1-removed")))
        #expect(removal.added.isEmpty)
        #expect(removal.removed.map(\.name).contains("vfio_v1_save_setup"))
    }

    @Test func jsonFollowsTheDocumentedSchemaAndRoundTrips() throws {
        let (old, _) = TraceEventsParser().parse("a(int x) \"%d\"\nb(void)\nc(void)\n", path: "old")
        let (new, _) = TraceEventsParser().parse("a(long x) \"%ld\"\nb2(void)\nd(int y) \"%d\"\n", path: "new")
        let diff = TraceEventsDiff(old: old, new: new)
        let json = try diff.json()
        #expect(try JSONDecoder().decode(TraceEventsDiff.self, from: Data(json.utf8)) == diff)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["schemaVersion", "old", "new", "added", "removed", "renamed", "changed"])
        #expect(object["schemaVersion"] as? Int == 1)
        // b and c have the same definition; b2 is closer to b, so b is the one renamed.
        #expect(diff.renamed == [TraceEventsDiff.Rename(old: "b", new: "b2", oldLine: 2, newLine: 2)])
        #expect(diff.removed.map(\.name) == ["c"])
        #expect(diff.added.map(\.definition) == ["d(int y) \"%d\""])
        let changes = try #require(diff.changed.first).changes
        #expect(changes.map(\.aspect) == [.arguments, .format])
        #expect(changes[0].details == ["argument 'x' changed type from int to long"])
    }

    @Test(.needs(.shared)) func everySharedQEMUFileDiffedWithItselfIsEmpty() throws {
        let files = try SharedData.qemuTraceEventsFiles()
        #expect(!files.isEmpty)
        try expectEmptySelfDiffs(files)
    }

    @Test(.needs(.qemu72)) func qemu72DiffedWithItselfIsEmpty() throws {
        try expectEmptySelfDiffs([try QEMU72.acceptedCopy()])
    }

    /// QEMU 7.2's VFIO events are the ones of the VFIO history's v7.2.0 file, definition for definition.
    @Test(.needs(.shared), .needs(.qemu72)) func qemu72HoldsTheVFIOHistorysV72Events() throws {
        let all = try parse(try QEMU72.acceptedCopy())
        let vfio = try parse(try SharedData.vfioHistory("v7.2.0"))
        let byName = Dictionary(all.events.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        #expect(vfio.events.count > 100)
        for event in vfio.events {
            let ours = try #require(byName[event.name], "\(event.name) is not in trace-events-all")
            #expect(sameDefinition(event, ours), "\(event.name)")
        }
    }

    private func expectEmptySelfDiffs(_ files: [URL]) throws {
        for url in files {
            let file = try parse(url)
            let diff = TraceEventsDiff(old: file, new: file)
            #expect(diff.isEmpty, "\(url.path)")
            #expect(diff.report.isEmpty)
        }
    }
}
