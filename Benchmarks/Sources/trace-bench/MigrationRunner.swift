import Dispatch
import Foundation
import VFIOMigration

/// Runs whole migrations in this process, source and destination on two threads over a Unix socket or TCP
/// loopback, and a plain copy of the same number of bytes over the same kind of socket as the baseline.
///
/// Only the transfer is timed: both machines exist (their memory touched) before the clock starts, as a
/// destination VM exists before its migration begins.
struct MigrationRunner {
    /// The kind of socket both sides talk over.
    enum Link: String, CaseIterable {
        case unix = "Unix socket"
        case tcp = "TCP loopback"
    }

    /// The machine migrated.
    let configuration: MachineConfiguration
    /// The socket.
    let link: Link
    /// No bandwidth limit: the figure is how fast the engine moves the bytes, not the limit it obeys.
    let parameters = MigrationParameters(bandwidth: 1 << 40, downtimeLimit: 0.3, maxIterations: 30, ioTimeout: 30)
    /// The plain copy's writes and reads: the engine's own 1 MiB blocks.
    static let copyChunk = 1 << 20

    /// One timed run.
    struct Run {
        /// Wall-clock seconds of the transfer.
        var seconds: Double
        /// Bytes that crossed the socket.
        var bytes: UInt64
        /// CPU seconds of the sending thread.
        var sourceCPU: Double
        /// CPU seconds of the receiving thread.
        var destinationCPU: Double
        /// The process's peak resident memory during the run, in bytes (both sides live in this process).
        var peakResident: UInt64
        /// The process's resident memory just before the run built its machines or buffers, in bytes: the
        /// benchmark's own (its code, earlier suites' leftovers, LTTng's ring buffers), which the run did not add.
        var residentBefore: UInt64
        /// What the run added to the process's resident memory at its peak, in bytes.
        var residentAdded: UInt64 { peakResident - min(peakResident, residentBefore) }
        /// The source's and the destination's passes over the payload (zero for the plain copy).
        var passes: (source: PayloadPasses, destination: PayloadPasses) = (PayloadPasses(), PayloadPasses())
    }

    /// A failure of one side.
    struct Failure: Error, CustomStringConvertible {
        /// A one-line message for people.
        var description: String
    }

    /// Device state bytes of the machine.
    var stateBytes: UInt64 { UInt64(configuration.deviceCount * configuration.pageCount * configuration.pageSize) }

    /// Migrates a fresh machine and checks the destination ended up identical.
    func migrate() throws -> Run {
        let listener = try SocketListener(address: listenAddress())
        defer { listener.close() }
        let residentBefore = PeakResidentMemory.currentBytes() ?? 0
        let destinationMachine = try VirtualMachine(configuration: configuration, isDestination: true)
        let machine = try VirtualMachine(configuration: configuration)
        let handoff = UncheckedSendable(value: destinationMachine)
        let destinationCPU = CPUTimeBox()
        let destinationPasses = PassesBox()
        PeakResidentMemory.reset()
        let destination = SideThread { [parameters] in
            let transport = try listener.accept(timeout: parameters.ioTimeout, ioTimeout: parameters.ioTimeout)
            defer { transport.close() }
            let start = CPUTime.thread()
            let incoming = MigrationDestination(machine: handoff.value)
            defer { destinationPasses.value = incoming.passes }
            _ = try incoming.receive(over: transport)
            destinationCPU.value = CPUTime.thread() - start
        }
        let transport = try SocketTransport.connect(to: listener.boundAddress, timeout: parameters.ioTimeout)
        defer { transport.close() }
        let start = MonotonicClock.now()
        let cpuStart = CPUTime.thread()
        let summary = try MigrationSource(machine: machine, parameters: parameters).migrate(over: transport)
        let sourceCPU = CPUTime.thread() - cpuStart
        let seconds = Double(MonotonicClock.now() - start) / 1e9
        try destination.join(timeout: 120)
        guard summary.destinationMatches == true else {
            throw Failure(description: "the destination's devices differ from the source's after the migration")
        }
        return Run(
            seconds: seconds, bytes: summary.bytesSent, sourceCPU: sourceCPU, destinationCPU: destinationCPU.value,
            peakResident: PeakResidentMemory.bytes() ?? 0, residentBefore: residentBefore,
            passes: (summary.payloadPasses, destinationPasses.value))
    }

    /// Copies `bytes` bytes over a fresh socket of the same kind, through the engine's own transport (so with
    /// the same socket buffer sizes), from one reused buffer into another in ``copyChunk`` pieces.
    func plainCopy(bytes: UInt64) throws -> Run {
        let listener = try SocketListener(address: listenAddress())
        defer { listener.close() }
        let residentBefore = PeakResidentMemory.currentBytes() ?? 0
        let receiverCPU = CPUTimeBox()
        PeakResidentMemory.reset()
        let reader = SideThread { [parameters] in
            let transport = try listener.accept(timeout: parameters.ioTimeout, ioTimeout: parameters.ioTimeout)
            defer { transport.close() }
            let start = CPUTime.thread()
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.copyChunk, alignment: 64)
            defer { buffer.deallocate() }
            var received: UInt64 = 0
            while received < bytes {
                let count = try transport.read(into: buffer)
                guard count > 0 else { throw Failure(description: "plain copy: the writer closed early") }
                received += UInt64(count)
            }
            receiverCPU.value = CPUTime.thread() - start
        }
        let transport = try SocketTransport.connect(to: listener.boundAddress, timeout: parameters.ioTimeout)
        defer { transport.close() }
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.copyChunk, alignment: 64)
        defer { chunk.deallocate() }
        chunk.initializeMemory(as: UInt8.self, repeating: 0xA5)
        let start = MonotonicClock.now()
        let cpuStart = CPUTime.thread()
        var sent: UInt64 = 0
        while sent < bytes {
            let count = Int(min(UInt64(chunk.count), bytes - sent))
            try transport.write(UnsafeRawBufferPointer(rebasing: chunk[0..<count]))
            sent += UInt64(count)
        }
        let senderCPU = CPUTime.thread() - cpuStart
        try reader.join(timeout: 120)
        return Run(
            seconds: Double(MonotonicClock.now() - start) / 1e9, bytes: bytes, sourceCPU: senderCPU,
            destinationCPU: receiverCPU.value, peakResident: PeakResidentMemory.bytes() ?? 0,
            residentBefore: residentBefore)
    }

    private func listenAddress() -> MigrationAddress {
        switch link {
        case .unix:
            .unix(path: NSTemporaryDirectory() + "trace-bench-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).sock")
        case .tcp:
            .tcp(host: "127.0.0.1", port: 0)
        }
    }
}

/// The CPU time of the calling thread.
enum CPUTime {
    /// Seconds of CPU the calling thread has used.
    static func thread() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }
}

/// A value one thread writes before `SideThread.join` returns and another reads after.
final class CPUTimeBox: @unchecked Sendable {
    /// The value.
    var value = 0.0
}

/// The destination's pass counts, handed back the same way.
final class PassesBox: @unchecked Sendable {
    /// The value.
    var value = PayloadPasses()
}

/// Work on its own thread whose error comes back on `join`, with a bounded wait.
final class SideThread: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var error: (any Error)?

    /// Starts `work` on a new thread.
    init(_ work: @escaping () throws -> Void) {
        // The work owns what it captured (a listener, a configuration) until `join`; the starting thread
        // does not touch those in between, which the compiler cannot see.
        let handoff = UncheckedSendable(value: work)
        let thread = Thread { [self] in
            do { try handoff.value() } catch { self.error = error }
            done.signal()
        }
        thread.start()
    }

    /// Waits for the work; rethrows its error.
    ///
    /// - Throws: the work's error, or ``MigrationRunner/Failure`` when it has not finished after `timeout` seconds.
    func join(timeout: Double) throws {
        guard done.wait(timeout: .now() + timeout) == .success else {
            throw MigrationRunner.Failure(description: "the other side did not finish within \(Int(timeout)) s")
        }
        if let error { throw error }
    }
}

/// Hands a value to another thread whose use of it does not overlap the sender's.
struct UncheckedSendable<Value>: @unchecked Sendable {
    /// The value.
    let value: Value
}
