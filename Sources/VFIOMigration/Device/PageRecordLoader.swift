/// Consumes a device's incoming data stream (in any chunking) and applies complete records to device memory.
///
/// Keeps the tail of a record split across writes, and remembers which pages arrived, so that leaving the resuming
/// state can refuse a stream that stopped early.
final class PageRecordLoader {
    private let memory: DeviceMemory
    private var pending: [UInt8] = []
    private var received: [Bool]
    private var recordsLoaded = 0

    /// Creates a loader that writes into `memory`.
    init(memory: DeviceMemory) {
        self.memory = memory
        self.received = Array(repeating: false, count: memory.pageCount)
    }

    /// Applies every complete record in `pending + bytes`.
    func load(_ bytes: some Collection<UInt8>) throws(DeviceError) {
        pending += bytes
        let recordSize = memory.pageSize + PageRecord.overhead
        var offset = 0
        while pending.count - offset >= recordSize {
            let index = UInt32(pending[offset]) << 24 | UInt32(pending[offset + 1]) << 16
                | UInt32(pending[offset + 2]) << 8 | UInt32(pending[offset + 3])
            let contents = pending[(offset + 4)..<(offset + 4 + memory.pageSize)]
            let checkOffset = offset + 4 + memory.pageSize
            let check = UInt32(pending[checkOffset]) << 24 | UInt32(pending[checkOffset + 1]) << 16
                | UInt32(pending[checkOffset + 2]) << 8 | UInt32(pending[checkOffset + 3])
            guard Int(index) < memory.pageCount else {
                throw .ioError("record \(recordsLoaded) names page \(index), the device has \(memory.pageCount)")
            }
            guard check == PageRecord.checkValue(index: index, contents: contents) else {
                throw .ioError("record \(recordsLoaded) for page \(index) fails its check value")
            }
            memory.overwrite(page: Int(index), with: contents)
            received[Int(index)] = true
            recordsLoaded += 1
            offset += recordSize
        }
        pending.removeFirst(offset)
    }

    /// Checks that the stream ended on a record boundary and delivered every page at least once.
    func finish() throws(DeviceError) {
        guard pending.isEmpty else {
            throw .ioError("device state ends inside a record (\(pending.count) stray bytes)")
        }
        let missing = received.lazy.filter { !$0 }.count
        guard missing == 0 else {
            throw .ioError("device state is incomplete: \(missing) of \(received.count) pages never arrived")
        }
    }
}
