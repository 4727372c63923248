#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The outgoing side of a migration (QEMU's migration thread with the savevm handlers of every VFIO device).
///
/// It writes the savevm stream: a `SECTION_START` per device with its setup, `SECTION_PART`s while pending bytes
/// exceed bandwidth × downtime limit, then stops the VM, writes a `SECTION_END` per device with the rest of its
/// state and a `SECTION_FULL` with its config. When the transport has a return path it waits for the destination's
/// reply (the snapshots of the loaded devices) and answers with a go-ahead byte, after which the destination runs. On any failure the migration state notifier sends every device back to RUNNING with its data, the
/// VM runs again, and the error is rethrown.
public final class MigrationSource {
    /// The machine being migrated.
    public let machine: VirtualMachine
    /// The bandwidth, downtime and timeout settings.
    public let parameters: MigrationParameters
    /// Called when the migration enters a phase, before any of the phase's work (tests use it to inject faults).
    public var phaseObserver: ((MigrationPhase) -> Void)?
    /// Called after every step with the migration's progress.
    public var progressObserver: ((MigrationProgress) -> Void)?
    /// Cancels the migration when triggered from any thread; checked between steps.
    public let cancellation: MigrationCancellation

    /// The migration's status, as the migration state notifier last reported it.
    public private(set) var status: MigrationStatus = .none
    private var phase: MigrationPhase = .setup
    private var startTime = 0.0
    private var iteration = 0
    private var pending: UInt64 = 0
    private var writer: StreamWriter?

    /// Creates the source side for `machine`; `cancellation` lets another thread cancel it.
    public init(
        machine: VirtualMachine, parameters: MigrationParameters,
        cancellation: MigrationCancellation = MigrationCancellation()
    ) {
        self.machine = machine
        self.parameters = parameters
        self.cancellation = cancellation
    }

    /// Migrates the machine over `transport`. Throws `MigrationError` after restoring the source to running.
    public func migrate(over transport: any Transport) throws -> MigrationSummary {
        try parameters.validate()
        let writer = StreamWriter(transport: transport)
        self.writer = writer
        startTime = SocketAddress.monotonicSeconds()
        trace_migration_start(
            machine.configuration.protocolVersion.version, UInt32(machine.handlers.count), parameters.bandwidth,
            UInt64(parameters.downtimeLimit * 1e6))
        do {
            return try run(writer: writer, transport: transport)
        } catch {
            let message = (error as? MigrationError)?.description ?? "\(error)"
            trace_migration_failed(phase.description, message)
            transport.shutdown()
            if case .cancelled = error as? MigrationError { setStatus(.cancelled) } else { setStatus(.failed) }
            if machine.runState != .running {
                try? machine.start()
            }
            for handler in machine.handlers { handler.saveCleanup() }
            if let migrationError = error as? MigrationError { throw migrationError }
            throw MigrationError.transportFailed("\(error)")
        }
    }

    private func run(writer: StreamWriter, transport: any Transport) throws -> MigrationSummary {
        let handlers = machine.handlers
        try enter(.setup)
        setStatus(.setup)
        try writer.put32(SavevmSectionType.fileMagic)
        try writer.put32(SavevmSectionType.fileVersion)
        for (index, handler) in handlers.enumerated() {
            try writeSectionHeader(.sectionStart, id: UInt32(index), idstr: handler.idstr, writer: writer)
            try handler.saveSetup(writer)
            try writeFooter(id: UInt32(index), writer: writer)
        }
        try writer.flush()
        report()

        try enter(.iterate)
        setStatus(.active)
        let threshold = parameters.threshold
        var lastStep = SocketAddress.monotonicSeconds()
        var converged = false
        while true {
            let now = SocketAddress.monotonicSeconds()
            machine.runWorkload(elapsed: now - lastStep)
            lastStep = now
            for handler in handlers { handler.memory.syncDirtyBitmap() }
            var estimate: UInt64 = 0
            for handler in handlers { estimate += try handler.statePendingEstimate() }
            var exact = false
            pending = estimate
            if estimate <= threshold {
                pending = 0
                for handler in handlers { pending += try handler.statePendingExact() }
                exact = true
            }
            trace_migration_pending(UInt32(clamping: iteration), pending, threshold, exact)
            let active = handlers.filter(\.isActiveIterate)
            if exact && pending <= threshold { converged = true }
            if converged || active.isEmpty || iteration >= parameters.maxIterations { break }
            let before = writer.bytesWritten
            for (index, handler) in handlers.enumerated() where handler.isActiveIterate {
                try writeSectionHeader(.sectionPart, id: UInt32(index), writer: writer)
                _ = try handler.saveIterate(writer)
                try writeFooter(id: UInt32(index), writer: writer)
            }
            try writer.flush()
            iteration += 1
            trace_migration_iteration(UInt32(clamping: iteration), writer.bytesWritten - before, writer.bytesWritten)
            throttle(writer: writer)
            report()
            try checkCancellation()
        }

        try enter(.stopAndCopy)
        setStatus(.device)
        let stop = SocketAddress.monotonicSeconds()
        try machine.stop(.finishMigrate)
        for (index, handler) in handlers.enumerated() {
            try writeSectionHeader(.sectionEnd, id: UInt32(index), writer: writer)
            try handler.saveCompletePrecopy(writer)
            try writeFooter(id: UInt32(index), writer: writer)
        }
        report()

        try enter(.deviceConfig)
        for (index, handler) in handlers.enumerated() {
            try writeSectionHeader(.sectionFull, id: UInt32(index), idstr: handler.idstr, writer: writer)
            try handler.saveState(writer)
            try writeFooter(id: UInt32(index), writer: writer)
        }
        try writer.put8(SavevmSectionType.eof.rawValue)
        try writer.flush()
        report()

        var destinationSnapshots: [DeviceSnapshot]?
        if transport.supportsReturnPath {
            try enter(.awaitingReply)
            switch try DestinationReply.read(from: StreamReader(transport: transport)) {
            case .loaded(let snapshots):
                destinationSnapshots = snapshots
            case .failed(let message):
                throw MigrationError.destinationFailed(message)
            }
            // The go-ahead: the destination starts only when it arrives, so a connection lost before this point
            // leaves exactly one side (this one, after recovery) running.
            let commit = StreamWriter(transport: transport)
            try commit.put8(DestinationReply.goAhead)
            try commit.flush()
        }
        let end = SocketAddress.monotonicSeconds()
        let downtime = end - stop
        // Traced as the window closes, so the event's timestamp marks its end (vfio-migrate report measures it).
        trace_migration_downtime(UInt64(downtime * 1e6), UInt64(parameters.downtimeLimit * 1e6))
        // Taken after the downtime window; the devices stay stopped, so this is the state that was sent.
        let sourceSnapshots = machine.snapshots()

        try enter(.completed)
        machine.enter(.postmigrate)
        setStatus(.completed)
        for handler in handlers { handler.saveCleanup() }
        transport.close()
        trace_migration_complete(
            writer.bytesWritten, UInt32(clamping: iteration), UInt64((end - startTime) * 1e6), UInt64(downtime * 1e6))
        report()
        return MigrationSummary(
            protocolVersion: machine.configuration.protocolVersion, deviceCount: handlers.count,
            bytesSent: writer.bytesWritten, iterations: iteration, converged: converged, totalTime: end - startTime,
            downtime: downtime, dirtiedPages: machine.dirtiedPages, sourceSnapshots: sourceSnapshots,
            destinationSnapshots: destinationSnapshots)
    }

    private func enter(_ newPhase: MigrationPhase) throws {
        phase = newPhase
        trace_migration_phase(newPhase.description)
        phaseObserver?(newPhase)
        try checkCancellation()
    }

    private func checkCancellation() throws {
        if cancellation.isCancelled && phase != .completed {
            throw MigrationError.cancelled("the migration was cancelled in phase \(phase)")
        }
    }

    private func setStatus(_ newStatus: MigrationStatus) {
        trace_migration_status(status.description, newStatus.description)
        status = newStatus
        machine.notify(newStatus)
    }

    private func report() {
        progressObserver?(
            MigrationProgress(
                phase: phase, iteration: iteration, bytesSent: writer?.bytesWritten ?? 0, pendingBytes: pending,
                elapsed: SocketAddress.monotonicSeconds() - startTime))
    }

    /// Sleeps as long as the bytes sent so far are ahead of the bandwidth limit (at most a second at a time).
    private func throttle(writer: StreamWriter) {
        let due = Double(writer.bytesWritten) / Double(parameters.bandwidth)
        let ahead = due - (SocketAddress.monotonicSeconds() - startTime)
        guard ahead > 0.001 else { return }
        let sleep = min(ahead, 1.0)
        trace_migration_throttle(UInt64(sleep * 1e6))
        usleep(UInt32(sleep * 1e6))
    }

    private func writeSectionHeader(
        _ type: SavevmSectionType, id: UInt32, idstr: String? = nil, writer: StreamWriter
    ) throws {
        try writer.put8(type.rawValue)
        try writer.put32(id)
        if let idstr {
            let bytes = Array(idstr.utf8)
            try writer.put8(UInt8(bytes.count))
            try writer.putBytes(bytes)
            try writer.put32(0)  // instance id
            try writer.put32(1)  // version id
        }
    }

    private func writeFooter(id: UInt32, writer: StreamWriter) throws {
        try writer.put8(SavevmSectionType.sectionFooter.rawValue)
        try writer.put32(id)
    }
}
