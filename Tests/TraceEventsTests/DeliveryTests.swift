import CTraceEvents
import Foundation
import Glibc
import Synchronization
import Testing
@testable import TraceEvents
import TraceEventsTestEvents

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

/// What `_GeneratedTraceSupport.log` does for the generated `_steLog_*` functions, through the functions generated
/// from Tests/TraceEventsTests/trace-events. In ``BackendTests`` (an extension), because these tests install
/// process-wide backends.
extension BackendTests {
    @Test func argumentsAreBuiltOnlyWhenABackendReadsThem() throws {
        TraceEvents.enable("dl_args_event")
        let messageOnly = CapturingBackend(eventPrefix: "dl_args_", needsArguments: false)
        TraceEvents.backends = [messageOnly, StderrTraceBackend(lineFormat: .bare, fileDescriptor: -1)]
        defer { TraceEvents.backends = [] }
        trace_dl_args_event(1, "one")
        #expect(messageOnly.records.map(\.arguments) == [[]], "no installed backend reads arguments: none built")
        #expect(messageOnly.records.map(\.message.text) == ["#1 one"])

        let readsArguments = CapturingBackend(eventPrefix: "dl_args_")
        TraceEvents.addBackend(readsArguments)
        trace_dl_args_event(2, "two")
        #expect(readsArguments.records.map(\.arguments) == [[.signed(2), .string("two")]])
        #expect(messageOnly.records.last?.arguments == [.signed(2), .string("two")], "all backends get the same record")
        #expect(ReleaseWitness(SharedCount()).needsArguments, "a backend that says nothing gets arguments")
    }

    @Test func keptRecordsKeepTheirMessagesWhileTheThreadReusesItsStorage() throws {
        // The thread renders every message into the same storage; a backend that keeps records must still see
        // each message as it was, short and long (a long one grows the storage), on this thread and others.
        TraceEvents.enable("dl_keep_event")
        let keeper = CapturingBackend(eventPrefix: "dl_keep_", needsArguments: false)
        TraceEvents.backends = [keeper]
        defer { TraceEvents.backends = [] }
        let texts = (0..<40).map { String(repeating: Character(UnicodeScalar(UInt8(97 + $0 % 26))), count: $0 * 37 % 700) }
        for (index, text) in texts.enumerated() { trace_dl_keep_event(Int32(index), text) }
        let finished = DispatchGroup()
        finished.enter()
        Thread {
            for (index, text) in texts.enumerated() { trace_dl_keep_event(Int32(index), text) }
            finished.leave()
        }.start()
        #expect(finished.wait(timeout: .now() + 30) == .success)
        let expected = texts.enumerated().map { "#\($0.offset) \($0.element)" }
        #expect(keeper.records.map(\.message.text) == expected + expected)
    }

    @Test func replacingBackendsReleasesTheOldOnesWhileEightThreadsLog() throws {
        // Readers use the backend list without a lock; the setter must return only once no thread can still be
        // delivering to a removed backend, and then the removed backend is gone.
        TraceEvents.enable("dl_swap_event")
        let stop = SharedCount()
        let finished = DispatchGroup()
        for thread in 0..<8 {
            finished.enter()
            Thread {
                var index: Int32 = 0
                while stop.value.load(ordering: .relaxed) == 0 {
                    trace_dl_swap_event(index, "thread \(thread)")
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
            TraceEvents.backends = [ReleaseWitness(releases), CapturingBackend(eventPrefix: "none_")]
            TraceEvents.backends = [CapturingBackend(eventPrefix: "none_", needsArguments: false)]
            #expect(releases.value.load(ordering: .relaxed) == round, "a removed backend outlived the setter")
        }
    }
}
