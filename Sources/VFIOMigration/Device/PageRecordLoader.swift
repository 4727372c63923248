/// Applies a device's incoming data stream to device memory, one read of the source's data stream (one
/// `DEV_DATA_STATE` block, laid out as ``PageRecord`` describes) at a time: either bytes handed over by a `write` on
/// the data stream, or straight from the migration stream, each page received where it belongs.
///
/// Every page is checked against its record's check value where it ends up, and its digest remembered. Remembers
/// which pages arrived, so that leaving the resuming state can refuse a stream that stopped early.
final class PageRecordLoader {
    private let memory: DeviceMemory
    private let recordSize: Int
    /// The record table of the block being received from the stream, reused (grown when a block needs more).
    private var table = UnsafeMutableRawBufferPointer(start: nil, count: 0)
    /// Where the pages of the block being received go, reused.
    private let pieces = IOVectorList()
    private let received: UnsafeMutablePointer<Bool>
    private var missingCount: Int
    private var recordsLoaded = 0

    /// Creates a loader that writes into `memory`.
    init(memory: DeviceMemory) {
        self.memory = memory
        recordSize = memory.recordSize
        received = .allocate(capacity: memory.pageCount)
        received.initialize(repeating: false, count: memory.pageCount)
        missingCount = memory.pageCount
    }

    deinit {
        table.deallocate()
        received.deallocate()
    }

    /// Applies the records of one read, `bytes` (a `write` on the data stream): each page checked, then copied
    /// into memory.
    func load(_ bytes: UnsafeRawBufferPointer) throws(DeviceError) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        let records = try recordCount(bytes.count)
        try checkIndices(records, in: base)
        let pageSize = memory.pageSize
        let pages = base + records * PageRecord.overhead
        for ordinal in 0..<records {
            let entry = PageRecord.entry(ordinal, in: base)
            let contents = UnsafeRawBufferPointer(start: pages + ordinal * pageSize, count: pageSize)
            try verify(ordinal, entry, contents)
            memory.load(page: Int(entry.index), from: contents, digest: entry.check)
        }
        finishBlock(records, copied: records * pageSize)
    }

    /// Receives a block of `size` bytes from `reader`: its record table through the reader's buffer, its pages
    /// straight into device memory where the table says they belong, each checked there.
    ///
    /// - Throws: `DeviceError` for a block the device refuses, the reader's error for a stream that ends early.
    func receive(size: Int, from reader: StreamReader, _ what: @autoclosure () -> String) throws {
        let records = try recordCount(size)
        let tableBytes = records * PageRecord.overhead
        if table.count < tableBytes {
            table.deallocate()
            table = .allocate(byteCount: tableBytes, alignment: 16)
        }
        var filled = 0
        while filled < tableBytes {
            filled += try reader.consume(upTo: tableBytes - filled, what()) { bytes in
                (table.baseAddress! + filled).copyMemory(from: bytes.baseAddress!, byteCount: bytes.count)
            }
        }
        try checkIndices(records, in: table.baseAddress!)
        var copied = 0
        var first = 0
        while first < records {
            pieces.removeAll()
            var end = first
            while end < records,
                pieces.append(memory.region(of: Int(PageRecord.entry(end, in: table.baseAddress!).index)).baseAddress!, memory.pageSize)
            {
                end += 1
            }
            copied += try reader.receive(into: pieces, what())
            for ordinal in first..<end {
                let entry = PageRecord.entry(ordinal, in: table.baseAddress!)
                try verify(ordinal, entry, UnsafeRawBufferPointer(memory.region(of: Int(entry.index))))
                memory.loaded(page: Int(entry.index), digest: entry.check)
            }
            first = end
        }
        finishBlock(records, copied: copied)
    }

    /// The records in a block of `size` bytes, which a source writes only as whole records, each page at most once.
    private func recordCount(_ size: Int) throws(DeviceError) -> Int {
        guard size % recordSize == 0, size / recordSize <= memory.pageCount else {
            throw .ioError(
                "a device data block of \(size) bytes is not whole \(recordSize)-byte records of at most "
                    + "\(memory.pageCount) pages")
        }
        return size / recordSize
    }

    private func checkIndices(_ records: Int, in table: UnsafeRawPointer) throws(DeviceError) {
        for ordinal in 0..<records {
            let index = PageRecord.entry(ordinal, in: table).index
            guard Int(index) < memory.pageCount else {
                throw .ioError(
                    "record \(recordsLoaded + ordinal) names page \(index), the device has \(memory.pageCount)")
            }
        }
    }

    private func verify(_ ordinal: Int, _ entry: (index: UInt32, check: UInt64), _ contents: UnsafeRawBufferPointer)
        throws(DeviceError)
    {
        guard PageRecord.checkValue(index: entry.index, contents: contents) == entry.check else {
            throw .ioError("record \(recordsLoaded + ordinal) for page \(entry.index) fails its check value")
        }
        if !received[Int(entry.index)] {
            received[Int(entry.index)] = true
            missingCount -= 1
        }
    }

    private func finishBlock(_ records: Int, copied: Int) {
        recordsLoaded += records
        memory.countLoaded(pages: records, copied: copied)
    }

    /// Checks that every page arrived at least once.
    func finish() throws(DeviceError) {
        guard missingCount == 0 else {
            throw .ioError("device state is incomplete: \(missingCount) of \(memory.pageCount) pages never arrived")
        }
    }
}

/// Calls `body` with the bytes of `bytes` in one contiguous buffer, keeping `body`'s typed error.
func withContiguousBytes(
    _ bytes: some Collection<UInt8>, _ body: (UnsafeRawBufferPointer) throws(DeviceError) -> Void
) throws(DeviceError) {
    var failure: DeviceError?
    Array(bytes).withUnsafeBytes { raw in
        do throws(DeviceError) { try body(raw) } catch { failure = error }
    }
    if let failure { throw failure }
}
