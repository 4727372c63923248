import Foundation
import MigrationReport
import Testing
import VFIOMigration

/// The pictures `vfio-migrate report` draws of a recorded demo: the HTML timeline as a real browser (Debian's
/// chromium, headless) lays it out and paints it, and the Chrome trace-event JSON Perfetto reads.
@Suite("migration report pictures", .serialized)
struct ReportPictureTests {
    static var chromiumMissing: String? {
        TestPaths.executable("chromium") == nil ? "chromium is not installed (apt-get install chromium)" : nil
    }
    static var browserTestRuns: Bool { LTTngAvailability.testRuns && (chromiumMissing == nil || LTTngAvailability.isCI) }

    /// `vfio-migrate report LOG --html --chrome-trace` on the v2 demo's stderr log, in a scratch directory.
    static func reportFiles() throws -> (directory: URL, html: URL, json: URL, output: String) {
        let demo = try RecordedDemo.recorded(.v2)
        let directory = try TestPaths.temporaryDirectory("report-picture")
        let log = directory.appending(path: "demo.log"), html = directory.appending(path: "timeline.html")
        let json = directory.appending(path: "timeline.json")
        try demo.run.error.write(to: log, atomically: true, encoding: .utf8)
        let run = try ProcessRunner.run(
            try TestPaths.vfioMigrate(), ["report", log.path, "--html", html.path, "--chrome-trace", json.path], timeout: 60)
        guard run.status == 0 else { throw TestFailure("vfio-migrate report failed: \(run.combined)") }
        return (directory, html, json, run.output)
    }

    static func chromium(_ arguments: [String]) throws -> ProcessRunner.Result {
        if let chromiumMissing { throw TestFailure(chromiumMissing) }
        // Root needs --no-sandbox; no GPU here.
        let run = try ProcessRunner.run(
            tool: "chromium", ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"] + arguments, timeout: 90)
        guard run.status == 0, !run.timedOut else { throw TestFailure("chromium failed: \(run.combined)") }
        return run
    }

    @Test("chromium lays out one lane per device per host and the downtime mark, and paints them",
          .enabled(if: browserTestRuns, "needs LTTng (see the report tests) and chromium; CI=true makes a missing one a failure"))
    func htmlInBrowser() throws {
        let files = try Self.reportFiles()
        defer { try? FileManager.default.removeItem(at: files.directory) }
        let page = try String(contentsOf: files.html, encoding: .utf8)
        #expect(!page.contains("src=") && !page.contains("href=") && !page.contains("@import"), "self-contained: nothing to fetch")

        let dom = try Self.chromium(["--dump-dom", files.html.absoluteString]).output
        let lanes = dom.components(separatedBy: "<g class=\"lane\"").dropFirst()
        #expect(lanes.count == 4, "2 devices x 2 hosts, got \(lanes.count)")
        let sides = lanes.map { $0.contains("data-side=\"source\"") ? "source" : $0.contains("data-side=\"destination\"") ? "destination" : "?" }
        #expect(sides.filter { $0 == "source" }.count == 2 && sides.filter { $0 == "destination" }.count == 2, "\(sides)")
        let hosts = Set(lanes.compactMap { lane in
            lane.range(of: "data-host=\"").map { String(lane[$0.upperBound...].prefix { $0 != "\"" }) }
        })
        #expect(hosts.count == 2, "one lane per device on each host: \(hosts)")
        #expect(dom.contains("class=\"downtime\""), "the downtime window is marked")
        #expect(dom.contains("<title>"), "marks carry the event's message for hovering")

        let screenshot = files.directory.appending(path: "timeline.png")
        _ = try Self.chromium(["--screenshot=\(screenshot.path)", "--window-size=1240,460", files.html.absoluteString])
        let running = "#43a047", preCopy = "#1e88e5", resuming = "#8e24aa"
        let counts = try PNGColours.count([running, preCopy, resuming], in: screenshot.path)
        #expect((counts["colours"] ?? 0) > 20, "a blank screenshot has a handful of colours: \(counts)")
        for colour in [running, preCopy, resuming] {
            #expect((counts[colour] ?? 0) > 200, "state colour \(colour) painted: \(counts)")
        }
    }

    @Test("the Chrome trace-event JSON has ph, ts, pid, tid everywhere and nesting durations",
          .enabled(if: LTTngAvailability.testRuns, LTTngAvailability.skipComment))
    func chromeTraceSchema() throws {
        let files = try Self.reportFiles()
        defer { try? FileManager.default.removeItem(at: files.directory) }
        let document = try JSONSerialization.jsonObject(with: Data(contentsOf: files.json)) as? [String: Any]
        let events = try #require(document?["traceEvents"] as? [[String: Any]], "a traceEvents array")
        var complete: [String: [(start: Double, end: Double)]] = [:]
        var phases: Set<String> = []
        for event in events {
            let ph = event["ph"] as? String, ts = event["ts"] as? Double
            let pid = event["pid"] as? Int, tid = event["tid"] as? Int
            guard let ph, let ts, let pid, let tid else {
                Issue.record("event without ph/ts/pid/tid: \(event)")
                continue
            }
            phases.insert(ph)
            #expect(["X", "i", "C", "M"].contains(ph), "\(event)")
            if ph == "X" {
                let duration = try #require(event["dur"] as? Double, "X without dur: \(event)")
                #expect(duration >= 0)
                complete["\(pid)/\(tid)", default: []].append((ts, ts + duration))
            }
        }
        #expect(phases.isSuperset(of: ["X", "i", "C"]), "\(phases)")
        for (thread, spans) in complete {
            // Nesting: sorted by start (longest first on ties), each span ends before its enclosing one does.
            var open: [Double] = []
            for span in spans.sorted(by: { ($0.start, -$0.end) < ($1.start, -$1.end) }) {
                while let last = open.last, last <= span.start + 1e-9 { open.removeLast() }
                if let last = open.last { #expect(span.end <= last + 1e-9, "thread \(thread): \(span) overlaps a span ending at \(last)") }
                open.append(span.end)
            }
        }
        let demo = try RecordedDemo.recorded(.v2)
        let states = events.filter { $0["cat"] as? String == "state" }.count
        #expect(states == demo.stderr.lanes.reduce(0) { $0 + $1.states.count })
        #expect(events.filter { $0["cat"] as? String == "iteration" }.count == demo.summary.iterations)
        #expect(events.filter { $0["ph"] as? String == "i" }.count == demo.stderr.events.count)
    }
}
