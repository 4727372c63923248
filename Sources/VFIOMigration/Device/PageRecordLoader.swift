/// Consumes a device's incoming data stream (in any chunking) and applies complete records to device memory.
///
/// Records are checked and copied straight out of the caller's buffer; only a record split across two writes is
/// staged (at most one per write). Remembers which pages arrived, so that leaving the resuming state can refuse a
/// stream that stopped early.
final class PageRecordLoader {
    private let memory: DeviceMemory
    private let recordSize: Int
    /// The start of a record split across writes; `stagedCount` bytes of it are valid.
    private let staging: UnsafeMutableRawBufferPointer
    private var stagedCount = 0
    private let received: UnsafeMutablePointer<Bool>
    private var missingCount: Int
    private var recordsLoaded = 0

    /// Creates a loader that writes into `memory`.
    init(memory: DeviceMemory) {
        self.memory = memory
        recordSize = memory.recordSize
        staging = .allocate(byteCount: memory.recordSize, alignment: 16)
        received = .allocate(capacity: memory.pageCount)
        received.initialize(repeating: false, count: memory.pageCount)
        missingCount = memory.pageCount
    }

    deinit {
        staging.deallocate()
        received.deallocate()
    }

    /// Applies every complete record in the staged bytes followed by `bytes`.
    func load(_ bytes: UnsafeRawBufferPointer) throws(DeviceError) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        // Counts in locals, stored once per write: each store to a class property is an exclusivity check.
        var applied = 0
        var missing = missingCount
        defer {
            recordsLoaded += applied
            missingCount = missing
            memory.countLoaded(pages: applied)
        }
        var offset = 0
        if stagedCount > 0 {
            let take = min(recordSize - stagedCount, bytes.count)
            (staging.baseAddress! + stagedCount).copyMemory(from: base, byteCount: take)
            stagedCount += take
            offset = take
            memory.passes.copiedBytes += UInt64(take)
            guard stagedCount == recordSize else { return }
            stagedCount = 0
            try apply(UnsafeRawPointer(staging.baseAddress!), ordinal: recordsLoaded, missing: &missing)
            applied += 1
        }
        while bytes.count - offset >= recordSize {
            try apply(base + offset, ordinal: recordsLoaded + applied, missing: &missing)
            applied += 1
            offset += recordSize
        }
        if offset < bytes.count {
            staging.baseAddress!.copyMemory(from: base + offset, byteCount: bytes.count - offset)
            stagedCount = bytes.count - offset
            memory.passes.copiedBytes += UInt64(stagedCount)
        }
    }

    /// Applies every complete record in the staged bytes followed by `bytes`.
    func load(_ bytes: some Collection<UInt8>) throws(DeviceError) {
        try withContiguousBytes(bytes) { (raw) throws(DeviceError) in try load(raw) }
    }

    private func apply(_ record: UnsafeRawPointer, ordinal: Int, missing: inout Int) throws(DeviceError) {
        let pageSize = memory.pageSize
        let index = PageRecord.index(of: record)
        guard Int(index) < memory.pageCount else {
            throw .ioError("record \(ordinal) names page \(index), the device has \(memory.pageCount)")
        }
        let contents = UnsafeRawBufferPointer(start: record + PageRecord.headerSize, count: pageSize)
        let check = PageRecord.checkValue(index: index, contents: contents)
        guard check == PageRecord.storedCheck(of: record, pageSize: pageSize) else {
            throw .ioError("record \(ordinal) for page \(index) fails its check value")
        }
        memory.load(page: Int(index), from: contents, digest: check)
        if !received[Int(index)] {
            received[Int(index)] = true
            missing -= 1
        }
    }

    /// Checks that the stream ended on a record boundary and delivered every page at least once.
    func finish() throws(DeviceError) {
        guard stagedCount == 0 else {
            throw .ioError("device state ends inside a record (\(stagedCount) stray bytes)")
        }
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
