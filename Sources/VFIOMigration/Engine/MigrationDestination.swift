/// The incoming side of a migration (QEMU's `qemu_loadvm_state` with the VFIO load handlers).
///
/// It checks the stream strictly: file magic and version, section types, known section ids and id strings,
/// footers, VFIO tags and end flags, and that every device received both its final state and its config before
/// the end of the stream. Only then does it end every device's resuming session (where the device validates what
/// it loaded), reply with the devices' snapshots when there is a return path, wait for the source's go-ahead, and
/// start the VM. On any failure no device runs: the error is reported back over the return path when there is
/// one, and thrown.
public final class MigrationDestination {
    /// The machine receiving the state.
    public let machine: VirtualMachine
    /// Called when the destination enters a phase (`header`, `setup`, `load`, `cleanup`, `await-go-ahead`,
    /// `start`).
    public var phaseObserver: ((String) -> Void)?

    /// Creates the incoming side for `machine` (built with `isDestination: true`).
    public init(machine: VirtualMachine) {
        self.machine = machine
    }

    /// Loads the stream from `transport` and starts the VM; returns the snapshots of the loaded devices.
    public func receive(over transport: any Transport) throws -> [DeviceSnapshot] {
        let reader = StreamReader(transport: transport)
        do {
            try load(from: reader)
            enter("cleanup")
            for handler in machine.handlers { try handler.loadCleanup() }
            let snapshots = machine.snapshots()
            if transport.supportsReturnPath {
                try DestinationReply.loaded(snapshots).write(to: StreamWriter(transport: transport))
                enter("await-go-ahead")
                let go = try reader.get8("the source's go-ahead")
                guard go == DestinationReply.goAhead else {
                    throw MigrationError.malformedStream("the source answered 0x\(String(go, radix: 16)) instead of its go-ahead")
                }
            }
            enter("start")
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

    private func enter(_ phase: String) {
        trace_migration_incoming_phase(phase)
        phaseObserver?(phase)
    }

    private func load(from reader: StreamReader) throws {
        enter("header")
        let magic = try reader.get32("file magic")
        guard magic == SavevmSectionType.fileMagic else {
            throw MigrationError.malformedStream("not a migration stream (magic 0x\(String(magic, radix: 16)))")
        }
        let version = try reader.get32("file version")
        guard version == SavevmSectionType.fileVersion else {
            throw MigrationError.malformedStream("unsupported stream version \(version)")
        }
        enter("setup")
        for handler in machine.handlers { try handler.loadSetup() }

        enter("load")
        let handlers = machine.handlers
        var sections: [UInt32: Int] = [:]
        var completed = Set<Int>()
        var configured = Set<Int>()
        while true {
            let byte = try reader.get8("section type")
            guard let type = SavevmSectionType(rawValue: byte), type != .sectionFooter else {
                throw MigrationError.malformedStream("unknown section type 0x\(String(byte, radix: 16))")
            }
            if type == .eof { break }
            let id = try reader.get32("section id")
            let device: Int
            if type == .sectionStart || type == .sectionFull {
                let length = try reader.get8("section id string length")
                let idstr = String(decoding: try reader.getBytes(Int(length), "section id string"), as: UTF8.self)
                let instance = try reader.get32("\(idstr) instance id")
                let versionID = try reader.get32("\(idstr) version id")
                trace_migration_incoming_section(UInt32(type.rawValue), id, idstr)
                guard let index = handlers.firstIndex(where: { $0.idstr == idstr }), instance == 0 else {
                    throw MigrationError.unknownSection("Unknown savevm section or instance '\(idstr)' \(instance)")
                }
                if let known = sections[id], known != index {
                    throw MigrationError.malformedStream("section id \(id) reused for '\(idstr)'")
                }
                sections[id] = index
                device = index
                try handlers[index].loadState(from: reader, versionID: versionID)
            } else {
                guard let index = sections[id] else {
                    throw MigrationError.unknownSection("Unknown savevm section \(id)")
                }
                trace_migration_incoming_section(UInt32(type.rawValue), id, handlers[index].idstr)
                device = index
                try handlers[index].loadState(from: reader, versionID: 1)
            }
            let footer = try reader.get8("section footer")
            let footerID = try reader.get32("section footer id")
            guard footer == SavevmSectionType.sectionFooter.rawValue, footerID == id else {
                throw MigrationError.malformedStream("section \(id) has a bad footer")
            }
            if type == .sectionEnd { completed.insert(device) }
            if type == .sectionFull { configured.insert(device) }
        }
        for (index, handler) in handlers.enumerated() {
            guard completed.contains(index), configured.contains(index) else {
                throw MigrationError.truncatedStream("the stream ended before \(handler.idstr) was complete")
            }
        }
    }
}
