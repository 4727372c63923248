import Foundation
import MigrationReport
import Testing

/// Two hosts, one trace, live (`.ci/two-host-migration`): source and destination in two network namespaces, each
/// with its own hostname and lttng-sessiond, streaming live to one lttng-relayd on a third; the migration crosses
/// the veth link over TCP.
@Suite("two hosts traced into one relay", .serialized)
struct TwoHostTraceTests {
    /// Why the test cannot run here, or nil.
    static let unavailableReason: String? = {
        if getuid() != 0 { return "needs root (ip netns, unshare -m -u, mounts)" }
        let missing = ["ip", "unshare", "lttng-relayd", "lttng-sessiond", "babeltrace2", "ss"].filter { TestPaths.executable($0) == nil }
        if !missing.isEmpty { return "\(missing.joined(separator: ", ")) not installed (iproute2, util-linux, lttng-tools, babeltrace2)" }
        return LTTngAvailability.unavailableReason
    }()

    @Test("both hosts are seen live during the migration, and merged in one time-ordered trace afterwards",
          .enabled(if: unavailableReason == nil || LTTngAvailability.isCI, "two-host test cannot run (CI=true makes this a failure): \(unavailableReason ?? "")"))
    func twoHosts() throws {
        if let reason = Self.unavailableReason { throw TestFailure("two-host test cannot run: \(reason)") }
        let output = try TestPaths.temporaryDirectory("two-hosts")
        defer { try? FileManager.default.removeItem(at: output) }
        let script = TestPaths.packageRoot.appending(path: ".ci/two-host-migration")
        let run = try ProcessRunner.run(tool: "bash", [script.path, try TestPaths.vfioMigrate().path, output.path], timeout: 170)
        func file(_ name: String) -> String {
            (try? String(contentsOf: output.appending(path: name), encoding: .utf8)) ?? ""
        }
        let status = Dictionary(file("status").split(separator: "\n").compactMap { line -> (String, String)? in
            let parts = line.split(separator: "=", maxSplits: 1).map(String.init)
            return parts.count == 2 ? (parts[0], parts[1]) : nil
        }, uniquingKeysWith: { $1 })
        let context = "\(run.combined)\nstatus: \(status)\nsrc: \(file("src.err").suffix(800))\ndst: \(file("dst.err").suffix(800))"
        try #require(run.status == 0 && !run.timedOut && status["done"] == "yes", "the script failed: \(context)")
        let (source, destination) = (status["src_host"] ?? "?", status["dst_host"] ?? "?")
        #expect(status["src_rc"] == "0" && status["dst_rc"] == "0", "\(context)")

        // Live: each reader saw its host's events while the source still ran.
        #expect(status["live_before_end"] == "yes", "\(context)")
        #expect(status["live_saw_complete_first"] == nil, "the live readers saw both hosts only after the migration had completed")
        #expect(file("live-src.txt").contains(" \(source) vfio_migration:migration_start:"))
        #expect(file("live-dst.txt").contains(" \(destination) vfio_migration:migration_incoming_phase:"))

        // The relay's output: one directory per host, merged by babeltrace2 into one time-ordered stream.
        let hosts = try FileManager.default.contentsOfDirectory(atPath: output.appending(path: "relay").path)
        #expect(Set(hosts) == [source, destination], "\(hosts)")
        let merged = file("merged.txt").split(separator: "\n")
        #expect(merged.count > 100)
        var last = 0.0
        var sides: [String: Set<String>] = [:]
        for line in merged {
            guard line.hasPrefix("["), let close = line.firstIndex(of: "]"), let time = Double(line[line.index(after: line.startIndex)..<close]) else {
                Issue.record("unreadable line: \(line)")
                continue
            }
            #expect(time >= last, "merged order goes back in time at: \(line)")
            last = time
            let words = line[close...].split(separator: " ")
            guard let nameIndex = words.firstIndex(where: { $0.hasPrefix("vfio_migration:") }), nameIndex > 0 else { continue }
            let event = words[nameIndex].dropFirst("vfio_migration:".count).dropLast()
            sides[String(event), default: []].insert(String(words[nameIndex - 1]))
        }
        for event in ["migration_start", "migration_iteration", "migration_downtime", "migration_complete", "transport_connect", "vfio_save_setup"] {
            #expect(sides[event] == [source], "\(event) on \(sides[event] ?? [])")
        }
        for event in ["migration_incoming_phase", "migration_incoming_complete", "transport_accept", "vfio_load_state", "vfio_load_cleanup"] {
            #expect(sides[event] == [destination], "\(event) on \(sides[event] ?? [])")
        }

        // The migration's state is equal on both hosts, and the report reads the relay's traces as one migration.
        #expect(file("src.out").contains("state equal:   yes"), "\(file("src.out"))")
        #expect(file("dst.out").contains("incoming: loaded 2 device(s), now RUNNING, RUNNING"), "\(file("dst.out"))")
        let migrations = try TraceRecording(paths: [output.appending(path: "relay").path]).migrations
        try #require(migrations.count == 1, "\(migrations.count) migrations")
        let migration = migrations[0]
        #expect(migration.source.host == source && migration.destination?.host == destination)
        #expect(migration.outcome == .completed && migration.anomalies.isEmpty, "\(migration.anomalies)")
        let summary = try RecordedDemo.summary(of: file("src.out"))
        #expect(migration.bytesSent == summary.bytesSent && migration.iterations.count == summary.iterations)
    }
}
