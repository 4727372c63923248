import PrintableText

/// The incoming side of a migration (QEMU's `qemu_loadvm_state` with the VFIO load handlers).
///
/// It checks the stream strictly: file magic and version, section types, known section ids and id strings,
/// footers, VFIO tags and end flags, the order of each device's sections (one START, PARTs, one END, then one
/// FULL), that every device received both its final state and its config, and the stream trailer's section
/// count, length and digest. Only then does it end every device's resuming session (where the device validates
/// what it loaded), reply with the devices' snapshots when there is a return path, wait for the source's go-ahead,
/// and start the VM. On any failure no device runs: the error is reported back over the return path when there is
/// one, and thrown.
public final class MigrationDestination {
    /// The machine receiving the state.
    public let machine: VirtualMachine
    /// The whole transfer's deadline and minimum rate.
    public let limits: TransferLimits
    /// Called when the destination enters a phase, before any of the phase's work (tests use it to inject faults).
    public var phaseObserver: ((IncomingPhase) -> Void)?
    /// The passes this side made over the payload, once ``receive(over:)`` returned or threw.
    public private(set) var passes = PayloadPasses()

    /// Creates the incoming side for `machine` (built with `isDestination: true`).
    public init(machine: VirtualMachine, limits: TransferLimits = TransferLimits()) {
        self.machine = machine
        self.limits = limits
    }

    /// Loads the stream from `transport` and starts the VM; returns the snapshots of the loaded devices.
    public func receive(over transport: any Transport) throws -> [DeviceSnapshot] {
        try limits.validate()
        let reader = StreamReader(transport: transport, digesting: true, limits: limits)
        defer { passes = machine.payloadPasses + PayloadPasses(digestedBytes: reader.digestedBytes) }
        do {
            try load(from: reader)
            enter(.cleanup)
            for handler in machine.handlers { try handler.loadCleanup() }
            let snapshots = machine.snapshots()
            if transport.supportsReturnPath {
                try DestinationReply.loaded(snapshots).write(to: StreamWriter(transport: transport))
                enter(.awaitingGoAhead)
                let go = try reader.get8("the source's go-ahead")
                guard go == DestinationReply.goAhead else {
                    throw MigrationError.malformedStream("the source answered 0x\(String(go, radix: 16)) instead of its go-ahead")
                }
            }
            enter(.start)
            try machine.start()
            trace_migration_incoming_complete(reader.bytesRead, UInt32(machine.handlers.count))
            transport.close()
            return snapshots
        } catch {
            let message = (error as? MigrationError)?.description ?? "\(error)"
            trace_migration_incoming_failed(message)
            for handler in machine.handlers { try? handler.loadCleanup() }
            if transport.supportsReturnPath {
                try? DestinationReply.failed(message).write(to: StreamWriter(transport: transport))
            }
            transport.close()
            if let migrationError = error as? MigrationError { throw migrationError }
            throw MigrationError.transportFailed(message)
        }
    }

    private func enter(_ phase: IncomingPhase) {
        trace_migration_incoming_phase(phase.description)
        phaseObserver?(phase)
    }

    private func load(from reader: StreamReader) throws {
        enter(.header)
        let magic = try reader.get32("file magic")
        guard magic == SavevmSectionType.fileMagic else {
            throw MigrationError.malformedStream("not a migration stream (magic 0x\(String(magic, radix: 16)))")
        }
        let version = try reader.get32("file version")
        guard version == SavevmSectionType.fileVersion else {
            throw MigrationError.malformedStream("unsupported stream version \(version)")
        }
        enter(.setup)
        for handler in machine.handlers { try handler.loadSetup() }

        enter(.load)
        var order = SectionOrder(handlers: machine.handlers)
        while true {
            let byte = try reader.get8("section type")
            guard let type = SavevmSectionType(rawValue: byte), type != .sectionFooter else {
                throw MigrationError.malformedStream("unknown section type 0x\(String(byte, radix: 16))")
            }
            if type == .eof { break }
            try loadSection(type, from: reader, order: &order)
        }
        try order.checkComplete()
        try StreamTrailer.verify(sections: order.sections, from: reader)
    }

    private func loadSection(_ type: SavevmSectionType, from reader: StreamReader, order: inout SectionOrder) throws {
        let handlers = machine.handlers
        let id = try reader.get32("section id")
        let device: Int
        if type.hasFullHeader {
            let length = try reader.get8("section id string length")
            let bytes = try reader.getBytes(Int(length), "section id string")
            let idstr = String(decoding: bytes, as: UTF8.self)
            // The id string comes from the peer: messages quote it escaped and bounded (a NUL, a newline, 255 bytes).
            let shown = PrintableText.excerpt(bytes: bytes)
            let instance = try reader.get32("\(shown) instance id")
            let versionID = try reader.get32("\(shown) version id")
            trace_migration_incoming_section(UInt32(type.rawValue), id, idstr)
            guard let index = handlers.firstIndex(where: { $0.idstr == idstr }), instance == 0 else {
                throw MigrationError.unknownSection("Unknown savevm section or instance '\(shown)' \(instance)")
            }
            device = try order.bind(id: id, to: index)
            try order.record(type, device: device)
            try handlers[index].loadState(from: reader, versionID: versionID)
        } else {
            device = try order.device(for: id)
            trace_migration_incoming_section(UInt32(type.rawValue), id, handlers[device].idstr)
            try order.record(type, device: device)
            try handlers[device].loadState(from: reader, versionID: 1)
        }
        let footer = try reader.get8("section footer")
        let footerID = try reader.get32("section footer id")
        guard footer == SavevmSectionType.sectionFooter.rawValue, footerID == id else {
            throw MigrationError.malformedStream("section \(id) has a bad footer")
        }
    }
}

/// The order rules for each device's sections as QEMU writes them: one START, any PARTs, one END, then one FULL.
/// A section out of that order (a replayed PART after the END, a second END) is refused with its name.
struct SectionOrder {
    private enum Stage: Int { case none, started, ended, configured }

    private let handlers: [any VFIODeviceMigration]
    private var stages: [Stage]
    private var ids: [UInt32: Int] = [:]
    /// Sections seen so far.
    private(set) var sections: UInt32 = 0

    init(handlers: [any VFIODeviceMigration]) {
        self.handlers = handlers
        stages = Array(repeating: .none, count: handlers.count)
    }

    /// Binds section `id` to device `index` (a section with a full header), refusing an id reused for another.
    mutating func bind(id: UInt32, to index: Int) throws -> Int {
        if let known = ids[id], known != index {
            throw MigrationError.malformedStream("section id \(id) reused for '\(handlers[index].idstr)'")
        }
        ids[id] = index
        return index
    }

    /// The device a section without a full header belongs to.
    func device(for id: UInt32) throws -> Int {
        guard let index = ids[id] else { throw MigrationError.unknownSection("Unknown savevm section \(id)") }
        return index
    }

    /// Records a section of `type` for `device`, refusing one out of order.
    mutating func record(_ type: SavevmSectionType, device: Int) throws {
        let stage = stages[device]
        let next: Stage
        switch (type, stage) {
        case (.sectionStart, .none): next = .started
        case (.sectionPart, .started): next = .started
        case (.sectionEnd, .started): next = .ended
        case (.sectionFull, .ended): next = .configured
        default:
            let after = ["no section", "its SECTION_START", "its SECTION_END", "its SECTION_FULL"][stage.rawValue]
            throw MigrationError.malformedStream("\(type) for '\(handlers[device].idstr)' after \(after)")
        }
        stages[device] = next
        sections += 1
    }

    /// Checks that every device received its final state and its config.
    func checkComplete() throws {
        for (index, stage) in stages.enumerated() where stage != .configured {
            throw MigrationError.truncatedStream("the stream ended before \(handlers[index].idstr) was complete")
        }
    }
}
