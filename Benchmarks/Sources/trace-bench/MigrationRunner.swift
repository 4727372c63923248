import Dispatch
import Foundation
import VFIOMigration

/// Runs whole migrations in this process, source and destination on two threads over a Unix socket, and a
/// plain copy of the same number of bytes over the same kind of socket as the baseline.
struct MigrationRunner {
    /// The machine migrated.
    let configuration: MachineConfiguration
    /// No bandwidth limit: the figure is how fast the engine moves the bytes, not the limit it obeys.
    let parameters = MigrationParameters(bandwidth: 1 << 40, downtimeLimit: 0.3, maxIterations: 30, ioTimeout: 30)

    /// One timed run: seconds and bytes sent.
    struct Run {
        /// Wall-clock seconds of `MigrationSource.migrate`, or of the copy.
        var seconds: Double
        /// Bytes that crossed the socket.
        var bytes: UInt64
    }

    /// A failure of one side.
    struct Failure: Error, CustomStringConvertible {
        /// A one-line message for people.
        var description: String
    }

    /// Migrates a fresh machine and checks the destination ended up identical.
    func migrate() throws -> Run {
        let path = Self.socketPath()
        let listener = try SocketListener(address: .unix(path: path))
        defer { listener.close() }
        let destination = SideThread { [configuration, parameters] in
            let transport = try listener.accept(timeout: parameters.ioTimeout, ioTimeout: parameters.ioTimeout)
            defer { transport.close() }
            let machine = try VirtualMachine(configuration: configuration, isDestination: true)
            _ = try MigrationDestination(machine: machine).receive(over: transport)
        }
        let machine = try VirtualMachine(configuration: configuration)
        let transport = try SocketTransport.connect(to: listener.boundAddress, timeout: parameters.ioTimeout)
        defer { transport.close() }
        let start = MonotonicClock.now()
        let summary = try MigrationSource(machine: machine, parameters: parameters).migrate(over: transport)
        let seconds = Double(MonotonicClock.now() - start) / 1e9
        try destination.join(timeout: 60)
        guard summary.destinationMatches != false else {
            throw Failure(description: "the destination's devices differ from the source's after the migration")
        }
        return Run(seconds: seconds, bytes: summary.bytesSent)
    }

    /// Copies `bytes` bytes over a fresh Unix socket in 64 KiB writes, through the engine's own transport.
    func plainCopy(bytes: UInt64) throws -> Run {
        let path = Self.socketPath()
        let listener = try SocketListener(address: .unix(path: path))
        defer { listener.close() }
        let reader = SideThread { [parameters] in
            let transport = try listener.accept(timeout: parameters.ioTimeout, ioTimeout: parameters.ioTimeout)
            defer { transport.close() }
            var received: UInt64 = 0
            while received < bytes {
                let chunk = try transport.read(maxBytes: 1 << 16)
                guard !chunk.isEmpty else { throw Failure(description: "plain copy: the writer closed early") }
                received += UInt64(chunk.count)
            }
        }
        let transport = try SocketTransport.connect(to: listener.boundAddress, timeout: parameters.ioTimeout)
        defer { transport.close() }
        let chunk = [UInt8](repeating: 0xA5, count: 1 << 16)
        let start = MonotonicClock.now()
        var sent: UInt64 = 0
        while sent < bytes {
            let count = Int(min(UInt64(chunk.count), bytes - sent))
            try transport.write(count == chunk.count ? chunk : Array(chunk.prefix(count)))
            sent += UInt64(count)
        }
        try reader.join(timeout: 60)
        return Run(seconds: Double(MonotonicClock.now() - start) / 1e9, bytes: bytes)
    }

    private static func socketPath() -> String {
        NSTemporaryDirectory() + "trace-bench-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).sock"
    }
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
