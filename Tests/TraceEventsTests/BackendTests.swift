import CTraceEvents
import Foundation
import Glibc
import Synchronization
import Testing
@testable import TraceEvents
import TraceEventsTestEvents

/// The thread whose SIGPIPEs the closed-pipe test counts, and how many reached it.
private let watchedThread = Atomic<Int32>(0)
private let pipeSignalsOnWatchedThread = Atomic<Int>(0)

/// Dispatch to backends and the stderr backend. Serialized: these tests install process-wide backends.
@Suite(.serialized) struct BackendTests {
    @Test func everyBackendReceivesEnabledEventsOnly() throws {
        let first = CapturingBackend(eventPrefix: "bk_dispatch_")
        let second = CapturingBackend(eventPrefix: "bk_dispatch_")
        TraceEvents.backends = [first, second]
        defer { TraceEvents.backends = [] }

        let event = try #require(TraceEvents.event(named: "bk_dispatch_save_setup"))
        trace_bk_dispatch_save_setup("dev0", 0x1000)
        #expect(first.records.isEmpty, "an event that is off reaches no backend")

        TraceEvents.enable("bk_dispatch_save_setup")
        let before = TraceTimestamp(seconds: Int64(Date().timeIntervalSince1970) - 1, nanoseconds: 0)
        trace_bk_dispatch_save_setup("dev0", 0x1000)
        trace_bk_dispatch_save_setup(nil, 0)
        for backend in [first, second] {
            let records = backend.records
            #expect(records.map(\.message.text) == [" (dev0) size 0x1000", " ((null)) size 0x0"])
            #expect(records.first?.arguments == [.string("dev0"), .unsigned(0x1000)])
            #expect(records.first?.event == event)
            #expect(records.first?.threadID == ste_thread_id())
            #expect((records.first?.timestamp ?? before) > before)
        }
    }

    @Test func stderrLinesHaveQEMUsShape() throws {
        let events = registerTestGroup("bk_line", ["save_setup"])
        let event = try #require(events["save_setup"])
        var message = PrintfBuffer()
        message.appendLiteral(" (dev) 42")
        let record = TraceRecord(
            event: event, arguments: [], message: message,
            timestamp: TraceTimestamp(seconds: 1_700_000_000, nanoseconds: 1_234_999), threadID: 4321)
        #expect(String(decoding: StderrTraceBackend.line(for: record, format: .timestamped), as: UTF8.self)
            == "4321@1700000000.001234:bk_line_save_setup  (dev) 42\n")
        #expect(String(decoding: StderrTraceBackend.line(for: record, format: .bare), as: UTF8.self)
            == "bk_line_save_setup  (dev) 42\n")
    }

    @Test(arguments: [10, 3_000, 10_000])
    func recordWritesExactlyTheLine(messageLength: Int) throws {
        // Short lines are built on the stack, long ones on the heap, and lines over PIPE_BUF take the lock:
        // every path must write the same bytes as `line(for:format:)`.
        let event = try #require(registerTestGroup("bk_exact_\(messageLength)", ["event"])["event"])
        var message = PrintfBuffer()
        message.appendString(String(repeating: "é", count: messageLength / 2), PrintfSpec(.s, precision: Int32(messageLength)))
        let record = TraceRecord(event: event, arguments: [], message: message,
                                 timestamp: TraceTimestamp(seconds: 1_234_567_890, nanoseconds: 999_999_999),
                                 threadID: 77)
        let pipe = DrainedPipe()
        var backend: StderrTraceBackend? = StderrTraceBackend(lineFormat: .timestamped, fileDescriptor: pipe.writeEnd)
        backend?.record(record)
        backend?.record(record)
        #expect(backend?.droppedLineCount == 0)
        backend = nil
        let expected = StderrTraceBackend.line(for: record, format: .timestamped)
        #expect(expected.starts(with: Array("77@1234567890.999999:bk_exact_\(messageLength)_event ".utf8)))
        #expect(try #require(pipe.finish()) == expected + expected)
    }

    @Test func eightThreadsNeverInterleaveLines() throws {
        TraceEvents.enable("bk_conc_event")
        let pipe = DrainedPipe()
        TraceEvents.backends = [StderrTraceBackend(lineFormat: .timestamped, fileDescriptor: pipe.writeEnd)]

        let threadCount = 8
        let perThread = 100_000
        let finished = DispatchGroup()
        for thread in 0..<threadCount {
            finished.enter()
            Thread {
                for index in 0..<perThread {
                    trace_bk_conc_event(Int32(thread), Int32(index))
                }
                finished.leave()
            }.start()
        }
        #expect(finished.wait(timeout: .now() + 120) == .success, "writers did not finish")
        TraceEvents.backends = []  // releases the backend's private descriptor of the pipe
        let output = try #require(pipe.finish(), "the pipe never reached end of file")

        var nextIndex = [Int](repeating: 0, count: threadCount)
        var badLines = 0
        var lines = 0
        let prefix = Array(":bk_conc_event  thread=".utf8)
        output.withUnsafeBufferPointer { bytes in
            var start = 0
            while start < bytes.count {
                var end = start
                while end < bytes.count && bytes[end] != UInt8(ascii: "\n") { end += 1 }
                lines += 1
                if !Self.parseLine(bytes[start..<end], prefix: prefix, nextIndex: &nextIndex) { badLines += 1 }
                start = end + 1
            }
        }
        #expect(badLines == 0)
        #expect(lines == threadCount * perThread)
        #expect(nextIndex == [Int](repeating: perThread, count: threadCount))
    }

    @Test func longLinesStayWholeAmongShortOnes() throws {
        // Lines over PIPE_BUF may be split by the kernel; no other line of the process may land inside one.
        let event = try #require(registerTestGroup("bk_long", ["event"])["event"])
        let pipe = DrainedPipe()
        var backend: StderrTraceBackend? = StderrTraceBackend(lineFormat: .bare, fileDescriptor: pipe.writeEnd)
        let threadCount = 4
        let perThread = 2_000
        let finished = DispatchGroup()
        for thread in 0..<threadCount {
            let writer = backend!
            finished.enter()
            Thread {
                let letter = UInt8(ascii: "a") + UInt8(thread)
                for index in 0..<perThread {
                    var message = PrintfBuffer()
                    // Every fourth line is 6000 bytes of this thread's letter, the others 20.
                    message.appendBytes([UInt8](repeating: letter, count: index % 4 == 0 ? 6_000 : 20))
                    writer.record(TraceRecord(event: event, arguments: [], message: message,
                                              timestamp: TraceTimestamp(seconds: 0, nanoseconds: 0), threadID: 0))
                }
                finished.leave()
            }.start()
        }
        #expect(finished.wait(timeout: .now() + 60) == .success, "writers did not finish")
        #expect(backend?.droppedLineCount == 0)
        backend = nil
        let output = try #require(pipe.finish(), "the pipe never reached end of file")
        let prefix = Array("bk_long_event ".utf8)
        var counts = [Int](repeating: 0, count: threadCount)
        var badLines = 0
        for line in output.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).dropLast() {
            guard line.starts(with: prefix), let letter = line.last, letter >= UInt8(ascii: "a"),
                  Int(letter - UInt8(ascii: "a")) < threadCount,
                  line.dropFirst(prefix.count).allSatisfy({ $0 == letter }),
                  [20, 6_000].contains(line.count - prefix.count)
            else {
                badLines += 1
                continue
            }
            counts[Int(letter - UInt8(ascii: "a"))] += 1
        }
        #expect(badLines == 0)
        #expect(counts == [Int](repeating: perThread, count: threadCount))
    }

    /// Checks `TID@SEC.USEC:bk_conc_event  thread=T index=I` and that each thread's indexes arrive in order.
    /// Written over raw bytes because it runs 800,000 times in a debug build.
    private static func parseLine(
        _ line: Slice<UnsafeBufferPointer<UInt8>>, prefix: [UInt8], nextIndex: inout [Int]
    ) -> Bool {
        let bytes = UnsafeBufferPointer(rebasing: line)
        var position = 0
        func number() -> Int? {
            var value = 0
            let start = position
            while position < bytes.count, bytes[position] &- 48 < 10 {
                value = value &* 10 &+ Int(bytes[position] &- 48)
                position += 1
            }
            return position > start ? value : nil
        }
        func skip(_ byte: UInt8) -> Bool {
            guard position < bytes.count, bytes[position] == byte else { return false }
            position += 1
            return true
        }
        func skip(_ text: [UInt8]) -> Bool {
            guard bytes.count - position >= text.count,
                  memcmp(bytes.baseAddress! + position, text, text.count) == 0 else { return false }
            position += text.count
            return true
        }
        guard number() != nil, skip(UInt8(ascii: "@")), number() != nil, skip(UInt8(ascii: ".")) else {
            return false
        }
        let microsecondsStart = position
        guard number() != nil, position - microsecondsStart == 6, skip(prefix), let thread = number(),
              thread < nextIndex.count, skip(indexLabel), let index = number(),
              position == bytes.count, index == nextIndex[thread]
        else { return false }
        nextIndex[thread] += 1
        return true
    }

    private static let indexLabel = Array(" index=".utf8)

    /// Writing to a pipe nobody reads fails with EPIPE and raises SIGPIPE, which kills a process by default.
    /// With a handler installed (so that a raised SIGPIPE is counted instead of killing the test run) the backend
    /// must block and discard it around the write: the handler never runs on this thread. With SIGPIPE ignored
    /// the backend skips that work and the write still just fails.
    @Test(arguments: [false, true])
    func closedPipeNeitherCrashesNorBlocks(ignoringSIGPIPE: Bool) throws {
        var previous = sigaction()
        var wanted = sigaction()
        wanted.__sigaction_handler.sa_handler = ignoringSIGPIPE ? SIG_IGN : { _ in
            if ste_thread_id() == watchedThread.load(ordering: .relaxed) {
                pipeSignalsOnWatchedThread.add(1, ordering: .relaxed)
            }
        }
        sigemptyset(&wanted.sa_mask)
        watchedThread.store(ste_thread_id(), ordering: .relaxed)
        pipeSignalsOnWatchedThread.store(0, ordering: .relaxed)
        #expect(sigaction(SIGPIPE, &wanted, &previous) == 0)
        defer { sigaction(SIGPIPE, &previous, nil) }

        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        close(fds[0])
        defer { close(fds[1]) }
        let backend = StderrTraceBackend(lineFormat: .bare, fileDescriptor: fds[1])
        let record = try makeRecord()
        backend.record(record)
        backend.record(record)
        #expect(backend.droppedLineCount == 2)
        #expect(backend.lastWriteError == EPIPE)
        #expect(pipeSignalsOnWatchedThread.load(ordering: .relaxed) == 0, "SIGPIPE reached the writing thread")
    }

    @Test func closedDescriptorNeitherCrashesNorBlocks() throws {
        let backend = StderrTraceBackend(lineFormat: .bare, fileDescriptor: 987_654)
        backend.record(try makeRecord())
        #expect(backend.droppedLineCount == 1)
        #expect(backend.lastWriteError == EBADF)
    }

    @Test func fullPipeDropsLinesAfterABoundedWait() throws {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        _ = fcntl(fds[1], F_SETFL, O_NONBLOCK)
        _ = fcntl(fds[0], F_SETFL, O_NONBLOCK)
        defer { close(fds[0]); close(fds[1]) }
        let filler = [UInt8](repeating: 0x2e, count: 4096)
        while filler.withUnsafeBytes({ write(fds[1], $0.baseAddress, $0.count) }) > 0 {}
        // The backend must not depend on the caller's descriptor being non-blocking.
        _ = fcntl(fds[1], F_SETFL, 0)

        let backend = StderrTraceBackend(lineFormat: .bare, fileDescriptor: fds[1], stallTimeout: .milliseconds(50))
        let record = try makeRecord()
        let clock = ContinuousClock()
        let first = clock.measure { backend.record(record) }
        let next = clock.measure { for _ in 0..<100 { backend.record(record) } }
        #expect(first >= .milliseconds(40) && first < .seconds(2), "the first line waits about the stall timeout")
        #expect(next < .seconds(1), "a stalled output drops lines without waiting again")
        #expect(backend.droppedLineCount == 101)
        #expect(backend.lastWriteError == EAGAIN)

        // Once the reader drains the pipe, lines flow again, after a notice of the gap.
        var sink = [UInt8](repeating: 0, count: 1 << 16)
        while sink.withUnsafeMutableBytes({ read(fds[0], $0.baseAddress, $0.count) }) > 0 {}
        backend.record(record)
        backend.record(record)
        #expect(backend.droppedLineCount == 101)
        let count = sink.withUnsafeMutableBytes { read(fds[0], $0.baseAddress, $0.count) }
        let lines = String(decoding: sink[..<max(count, 0)], as: UTF8.self)
        #expect(
            lines == "trace-events: 101 trace lines dropped here: the output was full or failing\n"
                + "\(record.event.name)  (x)\n\(record.event.name)  (x)\n")
    }

    @Test func blockingPipeWithoutProcFallbackPollsInsteadOfBlocking() {
        // What the output does when /proc cannot reopen the pipe: the caller's blocking descriptor, polled first.
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        defer { close(fds[0]); close(fds[1]) }
        _ = fcntl(fds[1], F_SETFL, O_NONBLOCK)
        let filler = [UInt8](repeating: 0x2e, count: 4096)
        while filler.withUnsafeBytes({ write(fds[1], $0.baseAddress, $0.count) }) > 0 {}
        _ = fcntl(fds[1], F_SETFL, 0)

        var output = ste_output(fd: fds[1], owns_fd: 0, is_socket: 0, is_pipe: 1, sigpipe_ignored: 0)
        let line = Array("line\n".utf8)
        let clock = ContinuousClock()
        var result: Int32 = 0
        let elapsed = clock.measure { result = ste_output_write(&output, line, line.count, 50) }
        #expect(result == EAGAIN)
        #expect(elapsed >= .milliseconds(40) && elapsed < .seconds(2))

        var sink = [UInt8](repeating: 0, count: 1 << 16)
        _ = sink.withUnsafeMutableBytes { read(fds[0], $0.baseAddress, $0.count) }
        #expect(ste_output_write(&output, line, line.count, 50) == 0)
    }

    private func makeRecord() throws -> TraceRecord {
        let event = try #require(registerTestGroup("bk_write_\(UInt32.random(in: 0...UInt32.max))", ["event"])["event"])
        var message = PrintfBuffer()
        message.appendLiteral(" (x)")
        return TraceRecord(event: event, arguments: [], message: message,
                           timestamp: TraceTimestamp(seconds: 0, nanoseconds: 0), threadID: 1)
    }

    @Test func bootstrapAppliesFileEnvironmentAndPatternsInOrder() throws {
        let names = ["a", "b", "c"]
        let events = try Dictionary(uniqueKeysWithValues: names.map { ($0, try #require(TraceEvents.event(named: "bk_boot_\($0)"))) })
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("bk_boot_\(getpid()).events").path
        try "bk_boot_*\n# comment\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let pipe = DrainedPipe()
        var configuration = TraceEventsConfiguration()
        configuration.eventsFile = path
        configuration.environment = ["TRACE_EVENTS": "-bk_boot_b,-bk_boot_c,bk boot"]
        configuration.patterns = ["enable=bk_boot_c", "help,file="]
        configuration.standardErrorLineFormat = .bare
        configuration.standardErrorFileDescriptor = pipe.writeEnd
        let report = TraceEvents.bootstrap(configuration)

        #expect(events.mapValues(\.isEnabled) == ["a": true, "b": false, "c": true])
        #expect(report.isHelpRequested)
        #expect(report.hasErrors)
        #expect(report.diagnostics.map(\.description) == [
            "--trace: error: 'file=' needs a file name",
            "TRACE_EVENTS: error: invalid trace event pattern 'bk boot': character ' ' at offset 2 can appear "
                + "in neither an event name nor a glob (use letters, digits, '_', '*' and '?')",
        ])
        #expect(TraceEvents.backends.count == 1)

        trace_bk_boot_a(-1)
        trace_bk_boot_b(2)
        trace_bk_boot_c(3)
        TraceEvents.backends = []
        let output = try #require(pipe.finish())
        #expect(String(decoding: output, as: UTF8.self) == "bk_boot_a  value -1\nbk_boot_c  value 3\n")
    }
}
