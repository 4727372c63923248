import CTraceEvents
import Foundation
import Glibc
import Synchronization
import Testing
@testable import TraceEvents

/// A backend that counts what it receives and says whether it reads arguments.
private final class CountingBackend: TraceBackend {
    let needsArguments: Bool
    private let seen = Mutex<[TraceRecord]>([])
    let groupName: String

    init(groupName: String, needsArguments: Bool) {
        self.groupName = groupName
        self.needsArguments = needsArguments
    }

    var records: [TraceRecord] { seen.withLock { $0 } }

    func record(_ record: TraceRecord) {
        guard record.event.group?.name == groupName else { return }
        seen.withLock { $0.append(record) }
    }
}

/// A flag or a count shared between threads.
private final class SharedCount: Sendable {
    let value = Atomic<Int>(0)
}

/// Counts its deallocation.
private final class ReleaseWitness: TraceBackend {
    let releases: SharedCount
    init(_ releases: SharedCount) { self.releases = releases }
    deinit { releases.value.add(1, ordering: .relaxed) }
    func record(_ record: TraceRecord) {}
}

/// What `_GeneratedTraceSupport.log` does for the generated `_steLog_*` functions. In ``BackendTests`` (an
/// extension), because these tests install process-wide backends.
extension BackendTests {
    /// What a generated `_steLog_*` function does for `name(int index, const char *text) "#%d %s"`.
    private static func log(_ event: TraceEvent, _ index: Int32, _ text: String, argumentsBuilt: SharedCount? = nil) {
        _GeneratedTraceSupport.log(event.entry, arguments: {
            argumentsBuilt?.value.add(1, ordering: .relaxed)
            return [.signed(Int64(index)), .string(text)]
        }) { message in
            message.appendLiteral("#")
            message.appendSigned(Int64(index), PrintfSpec(.d))
            message.appendLiteral(" ")
            message.appendString(text, PrintfSpec(.s))
        }
    }

    @Test func argumentsAreBuiltOnlyWhenABackendReadsThem() throws {
        let event = try #require(registerTestGroup("dl_args", ["event"])["event"])
        TraceEvents.enable("dl_args_event")
        let built = SharedCount()
        let messageOnly = CountingBackend(groupName: "dl_args", needsArguments: false)
        TraceEvents.backends = [messageOnly, StderrTraceBackend(lineFormat: .bare, fileDescriptor: -1)]
        defer { TraceEvents.backends = [] }
        Self.log(event, 1, "one", argumentsBuilt: built)
        #expect(built.value.load(ordering: .relaxed) == 0, "no installed backend reads arguments")
        #expect(messageOnly.records.map(\.arguments) == [[]])
        #expect(messageOnly.records.map(\.message.text) == ["#1 one"])

        let readsArguments = CountingBackend(groupName: "dl_args", needsArguments: true)
        TraceEvents.addBackend(readsArguments)
        Self.log(event, 2, "two", argumentsBuilt: built)
        #expect(built.value.load(ordering: .relaxed) == 1)
        #expect(readsArguments.records.map(\.arguments) == [[.signed(2), .string("two")]])
        #expect(messageOnly.records.last?.arguments == [.signed(2), .string("two")], "all backends get the same record")
        #expect(CapturingBackend(groupName: "x").needsArguments, "a backend that says nothing gets arguments")
    }

    @Test func keptRecordsKeepTheirMessagesWhileTheThreadReusesItsStorage() throws {
        // The thread renders every message into the same storage; a backend that keeps records must still see
        // each message as it was, short and long (a long one grows the storage), on this thread and others.
        let event = try #require(registerTestGroup("dl_keep", ["event"])["event"])
        TraceEvents.enable("dl_keep_event")
        let keeper = CountingBackend(groupName: "dl_keep", needsArguments: false)
        TraceEvents.backends = [keeper]
        defer { TraceEvents.backends = [] }
        let texts = (0..<40).map { String(repeating: Character(UnicodeScalar(UInt8(97 + $0 % 26))), count: $0 * 37 % 700) }
        for (index, text) in texts.enumerated() { Self.log(event, Int32(index), text) }
        let finished = DispatchGroup()
        finished.enter()
        Thread {
            for (index, text) in texts.enumerated() { Self.log(event, Int32(index), text) }
            finished.leave()
        }.start()
        #expect(finished.wait(timeout: .now() + 30) == .success)
        let expected = texts.enumerated().map { "#\($0.offset) \($0.element)" }
        #expect(keeper.records.map(\.message.text) == expected + expected)
    }

    @Test func replacingBackendsReleasesTheOldOnesWhileEightThreadsLog() throws {
        // Readers use the backend list without a lock; the setter must return only once no thread can still be
        // delivering to a removed backend, and then the removed backend is gone.
        let event = try #require(registerTestGroup("dl_swap", ["event"])["event"])
        TraceEvents.enable("dl_swap_event")
        let stop = SharedCount()
        let finished = DispatchGroup()
        for thread in 0..<8 {
            finished.enter()
            Thread {
                var index: Int32 = 0
                while stop.value.load(ordering: .relaxed) == 0 {
                    Self.log(event, index, "thread \(thread)")
                    index &+= 1
                }
                finished.leave()
            }.start()
        }
        defer {
            stop.value.store(1, ordering: .relaxed)
            _ = finished.wait(timeout: .now() + 30)
            TraceEvents.backends = []
        }
        let releases = SharedCount()
        for round in 1...60 {
            TraceEvents.backends = [ReleaseWitness(releases), CountingBackend(groupName: "none", needsArguments: true)]
            TraceEvents.backends = [CountingBackend(groupName: "none", needsArguments: false)]
            #expect(releases.value.load(ordering: .relaxed) == round, "a removed backend outlived the setter")
        }
    }
}
