#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The outgoing side of a migration (QEMU's migration thread with the savevm handlers of every VFIO device).
///
/// It writes the savevm stream: a `SECTION_START` per device with its setup, `SECTION_PART`s while pending bytes
/// exceed bandwidth × downtime limit, then stops the VM, writes a `SECTION_END` per device with the rest of its
/// state and a `SECTION_FULL` with its config, `QEMU_VM_EOF` and the stream trailer (section count, length and
/// digest). When the transport has a return path it waits for the destination's reply (the snapshots of the
/// loaded devices) and answers with a go-ahead byte only when they equal its own, after which the destination
/// runs. On any failure the migration state notifier sends every device back to RUNNING with its data, the VM runs
/// again, and the error is rethrown.
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
    private var sections: UInt32 = 0

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
        let writer = StreamWriter(transport: transport, digesting: true)
        self.writer = writer
        sections = 0
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
        try setUp(writer)
        let converged = try iterate(writer)
        let stop = SocketAddress.monotonicSeconds()
        try stopAndCopy(writer)
        try sendDeviceConfig(writer)
        // Taken inside the downtime window, before the go-ahead, so that a destination whose state differs never
        // runs; cheap, because every page's digest was taken when its record was built.
        let sourceSnapshots = machine.snapshots()
        let destinationSnapshots = try awaitReply(over: transport, expecting: sourceSnapshots)
        let end = SocketAddress.monotonicSeconds()
        let downtime = end - stop
        // Traced as the window closes, so the event's timestamp marks its end (vfio-migrate report measures it).
        trace_migration_downtime(UInt64(downtime * 1e6), UInt64(parameters.downtimeLimit * 1e6))

        try enter(.completed)
        machine.enter(.postmigrate)
        setStatus(.completed)
        for handler in machine.handlers { handler.saveCleanup() }
        transport.close()
        trace_migration_complete(
            writer.bytesWritten, UInt32(clamping: iteration), UInt64((end - startTime) * 1e6), UInt64(downtime * 1e6))
        report()
        return MigrationSummary(
            protocolVersion: machine.configuration.protocolVersion, deviceCount: machine.handlers.count,
            bytesSent: writer.bytesWritten, iterations: iteration, converged: converged, totalTime: end - startTime,
            downtime: downtime, dirtiedPages: machine.dirtiedPages, sourceSnapshots: sourceSnapshots,
            destinationSnapshots: destinationSnapshots,
            payloadPasses: machine.payloadPasses + PayloadPasses(digestedBytes: writer.digestedBytes))
    }

    /// The stream header and every device's `SECTION_START` with its setup.
    private func setUp(_ writer: StreamWriter) throws {
        try enter(.setup)
        setStatus(.setup)
        try writer.put32(SavevmSectionType.fileMagic)
        try writer.put32(SavevmSectionType.fileVersion)
        try writeSections(.sectionStart, writer) { try $0.saveSetup(writer) }
        try writer.flush()
        report()
    }

    /// Pre-copy: `SECTION_PART`s while the VM runs, until the pending bytes fit the downtime limit (or the
    /// iteration limit is reached, or no device iterates); returns whether it converged.
    private func iterate(_ writer: StreamWriter) throws -> Bool {
        try enter(.iterate)
        setStatus(.active)
        var lastStep = SocketAddress.monotonicSeconds()
        while true {
            let now = SocketAddress.monotonicSeconds()
            machine.runWorkload(elapsed: now - lastStep)
            lastStep = now
            let converged = try updatePending()
            if converged || !machine.handlers.contains(where: \.isActiveIterate) || iteration >= parameters.maxIterations {
                return converged
            }
            let before = writer.bytesWritten
            try writeSections(.sectionPart, writer, where: \.isActiveIterate) { _ = try $0.saveIterate(writer) }
            try writer.flush()
            iteration += 1
            trace_migration_iteration(UInt32(clamping: iteration), writer.bytesWritten - before, writer.bytesWritten)
            throttle(writer: writer)
            report()
            try checkCancellation()
        }
    }

    /// Syncs the dirty bitmaps and estimates the pending bytes, asking the devices exactly when the estimate is
    /// below the threshold; returns whether the exact figure is below it too.
    private func updatePending() throws -> Bool {
        let handlers = machine.handlers
        let threshold = parameters.threshold
        for handler in handlers { handler.memory.syncDirtyBitmap() }
        pending = try handlers.reduce(0) { $0 + (try $1.statePendingEstimate()) }
        var exact = false
        if pending <= threshold {
            pending = try handlers.reduce(0) { $0 + (try $1.statePendingExact()) }
            exact = true
        }
        trace_migration_pending(UInt32(clamping: iteration), pending, threshold, exact)
        return exact && pending <= threshold
    }

    /// Stops the VM and sends every device's remaining state in its `SECTION_END` (downtime starts).
    private func stopAndCopy(_ writer: StreamWriter) throws {
        try enter(.stopAndCopy)
        setStatus(.device)
        try machine.stop(.finishMigrate)
        try writeSections(.sectionEnd, writer) { try $0.saveCompletePrecopy(writer) }
        report()
    }

    /// Every device's config in its `SECTION_FULL`, the end of the stream and the stream trailer.
    private func sendDeviceConfig(_ writer: StreamWriter) throws {
        try enter(.deviceConfig)
        try writeSections(.sectionFull, writer) { try $0.saveState(writer) }
        try writer.put8(SavevmSectionType.eof.rawValue)
        try StreamTrailer.write(sections: sections, to: writer)
        report()
    }

    /// With a return path: reads the destination's reply and, when its state equals `expected`, sends the
    /// go-ahead; returns the destination's snapshots (`nil` without a return path).
    private func awaitReply(over transport: any Transport, expecting expected: [DeviceSnapshot]) throws
        -> [DeviceSnapshot]?
    {
        guard transport.supportsReturnPath else { return nil }
        try enter(.awaitingReply)
        let snapshots: [DeviceSnapshot]
        switch try DestinationReply.read(from: StreamReader(transport: transport)) {
        case .loaded(let loaded): snapshots = loaded
        case .failed(let message): throw MigrationError.destinationFailed(message)
        }
        guard snapshots == expected else {
            throw MigrationError.destinationFailed("the destination's state differs from the source's; no go-ahead sent")
        }
        // The go-ahead: the destination starts only when it arrives, so a connection lost before this point
        // leaves exactly one side (this one, after recovery) running.
        let commit = StreamWriter(transport: transport)
        try commit.put8(DestinationReply.goAhead)
        try commit.flush()
        return snapshots
    }

    /// Writes one section of `type` for every device `included` selects: header, `body`'s part, footer.
    private func writeSections(
        _ type: SavevmSectionType, _ writer: StreamWriter,
        where included: (any VFIODeviceMigration) -> Bool = { _ in true },
        _ body: (any VFIODeviceMigration) throws -> Void
    ) throws {
        for (index, handler) in machine.handlers.enumerated() where included(handler) {
            try writeSectionHeader(type, id: UInt32(index), idstr: type.hasFullHeader ? handler.idstr : nil, writer: writer)
            try body(handler)
            try writeFooter(id: UInt32(index), writer: writer)
            sections += 1
        }
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
