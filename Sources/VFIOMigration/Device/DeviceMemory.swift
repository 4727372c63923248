#if canImport(Glibc)
import Glibc
#endif

/// The state a simulated VFIO device holds: device memory in pages and a PCI-like config space, plus the dirty
/// tracking a migration-capable device keeps while a save session is open.
///
/// During a save session every page starts out unsent ("initial" data in PRE_COPY_INFO terms); a page the workload
/// writes after it was sent becomes dirty and has to be sent again.
///
/// Each page's digest is remembered from the moment its bytes were last sent or loaded, when they were hashed for
/// the record's check value anyway, and forgotten when the page is written; a snapshot hashes only pages whose
/// digest is not known, so after a migration neither side hashes its memory again.
public final class DeviceMemory {
    /// Bytes in the config space (a PCI function's standard config space).
    public static let configSize = 256

    /// Bytes per page.
    public let pageSize: Int
    /// Pages of device memory.
    public let pageCount: Int
    /// The identifier used as the container fd in dirty-bitmap traces.
    let traceIdentifier: Int32
    /// The device memory: one allocation, never copied or resized.
    private let storage: UnsafeMutableRawPointer
    private(set) var config: [UInt8]
    // Per-page state lives in plain allocations: array properties of a class pay a dynamic exclusivity check on
    // every access, which showed as a tenth of the destination's time in a profile.
    private let unsent: UnsafeMutablePointer<Bool>
    private let dirty: UnsafeMutablePointer<Bool>
    private let digests: UnsafeMutablePointer<UInt64>
    private let digestKnown: UnsafeMutablePointer<Bool>
    /// Where the search for the next unsent page resumes: pages only become unsent when a session opens.
    private var unsentCursor = 0
    /// Where the search for the next dirty page resumes, wrapping around.
    private var dirtyCursor = 0
    private(set) var unsentCount = 0
    private(set) var dirtyCount = 0
    /// Whether a save session tracks writes.
    public private(set) var isTracking = false
    /// The passes this device's records made over its pages.
    public internal(set) var passes = PayloadPasses()

    /// Creates zeroed memory of `pageCount` pages of `pageSize` bytes; every page is touched now, as a running
    /// machine's memory is, so that loading state later does not take page faults.
    public init(pageCount: Int, pageSize: Int, traceIdentifier: Int32 = 0) {
        self.pageSize = pageSize
        self.pageCount = pageCount
        self.traceIdentifier = traceIdentifier
        storage = Self.allocateStorage(byteCount: pageCount * pageSize)
        // memset rather than initializeMemory, which an unoptimized build runs byte by byte.
        memset(storage, 0, pageCount * pageSize)
        config = Array(repeating: 0, count: Self.configSize)
        unsent = .allocate(capacity: pageCount)
        unsent.initialize(repeating: false, count: pageCount)
        dirty = .allocate(capacity: pageCount)
        dirty.initialize(repeating: false, count: pageCount)
        digests = .allocate(capacity: pageCount)
        digests.initialize(repeating: 0, count: pageCount)
        digestKnown = .allocate(capacity: pageCount)
        digestKnown.initialize(repeating: false, count: pageCount)
    }

    deinit {
        storage.deallocate()
        unsent.deallocate()
        dirty.deallocate()
        digests.deallocate()
        digestKnown.deallocate()
    }

    /// Bytes from which device memory is backed by transparent huge pages.
    static let hugePageSize = 2 << 20

    /// Memory for `byteCount` bytes of device state; from one huge page up, aligned to huge pages and advised to
    /// use them, as QEMU advises guest RAM (`QEMU_MADV_HUGEPAGE`): the kernel's copies and the hashes then walk
    /// 2 MiB pages, which took about a tenth off each side's CPU per GiB against the plain copy in an A/B run of
    /// the migration benchmark.
    private static func allocateStorage(byteCount: Int) -> UnsafeMutableRawPointer {
        guard byteCount >= hugePageSize else { return .allocate(byteCount: max(byteCount, 1), alignment: 64) }
        let storage = UnsafeMutableRawPointer.allocate(byteCount: byteCount, alignment: hugePageSize)
        // Advice only: without huge pages the memory works the same, more slowly.
        _ = madvise(storage, byteCount, MADV_HUGEPAGE)
        return storage
    }

    /// Bytes one page occupies in the device's data stream.
    public var recordSize: Int { pageSize + PageRecord.overhead }

    /// Total bytes of device memory.
    public var size: Int { pageCount * pageSize }

    /// The bytes of `page`.
    func contents(of page: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: storage + page * pageSize, count: pageSize)
    }

    /// The snapshot of the current state; hashes only the pages whose digest is not already known.
    public func snapshot(name: String) -> DeviceSnapshot {
        var hashed: UInt64 = 0
        for page in 0..<pageCount where !digestKnown[page] {
            hashed += UInt64(pageSize)
            remember(page: page, digest: PageRecord.checkValue(index: UInt32(page), contents: contents(of: page)))
        }
        passes.hashedBytes += hashed
        return DeviceSnapshot(
            name: name, pageDigests: Array(UnsafeBufferPointer(start: digests, count: pageCount)),
            configDigest: XXH3.hash(config))
    }

    private func remember(page: Int, digest: UInt64) {
        digests[page] = digest
        digestKnown[page] = true
    }

    /// Fills memory and config with bytes from `generator`, as a device that has been running for a while.
    public func randomize(using generator: inout some RandomNumberGenerator) {
        for page in 0..<pageCount { fill(page: page, seed: generator.next()) }
        for index in config.indices { config[index] = UInt8.random(in: 0...255, using: &generator) }
    }

    /// Fills a page with a pseudo-random pattern derived from `seed`: one generator call per page, word-sized
    /// stores, so that a busy workload stays cheap even in debug builds.
    private func fill(page: Int, seed: UInt64) {
        digestKnown[page] = false
        let base = storage + page * pageSize
        var state = seed
        var offset = 0
        while offset < pageSize {
            state = state &* 0x5851_f42d_4c95_7f2d &+ 0x1405_7b7e_f767_814f
            let word = state ^ (state >> 29)
            if pageSize - offset >= 8 {
                base.storeBytes(of: word.littleEndian, toByteOffset: offset, as: UInt64.self)
            } else {
                for byte in 0..<(pageSize - offset) {
                    base.storeBytes(of: UInt8(truncatingIfNeeded: word >> (byte * 8)), toByteOffset: offset + byte, as: UInt8.self)
                }
            }
            offset += 8
        }
    }

    /// A device write to `page`: new contents from `generator`; tracked as dirty if the page was already sent.
    public func write(page: Int, using generator: inout some RandomNumberGenerator) {
        fill(page: page, seed: generator.next())
        markWritten(page: page)
    }

    /// A write to config space register `offset`.
    public func writeConfig(offset: Int, value: UInt8) {
        config[offset % Self.configSize] = value
    }

    /// Replaces the config space; refuses a blob of the wrong size.
    func loadConfig(_ blob: [UInt8]) throws(DeviceError) {
        guard blob.count == Self.configSize else {
            throw .invalidArgument("config space is \(Self.configSize) bytes, got \(blob.count)")
        }
        config = blob
    }

    /// Where `page`'s bytes lie, for a record received straight into memory.
    func region(of page: Int) -> UnsafeMutableRawBufferPointer {
        UnsafeMutableRawBufferPointer(start: storage + page * pageSize, count: pageSize)
    }

    /// Overwrites `page` with the contents of a loaded record whose check value, `digest`, was verified.
    func load(page: Int, from contents: UnsafeRawBufferPointer, digest: UInt64) {
        (storage + page * pageSize).copyMemory(from: contents.baseAddress!, byteCount: pageSize)
        remember(page: page, digest: digest)
    }

    /// Remembers the digest of `page`, received in place and verified against its record's check value.
    func loaded(page: Int, digest: UInt64) {
        remember(page: page, digest: digest)
    }

    /// Counts `pages` records loaded, each page hashed once and `copied` bytes of them copied in user space.
    func countLoaded(pages: Int, copied: Int) {
        let bytes = UInt64(pages * pageSize)
        passes.pageBytes += bytes
        passes.copiedBytes += UInt64(copied)
        passes.hashedBytes += bytes
    }

    private func markWritten(page: Int) {
        guard isTracking, !unsent[page], !dirty[page] else { return }
        dirty[page] = true
        dirtyCount += 1
        trace_vfio_iommu_map_dirty_notify(UInt64(page * pageSize), UInt64((page + 1) * pageSize - 1))
    }

    /// Opens a save session: every page is unsent.
    func startTracking() {
        isTracking = true
        unsent.update(repeating: true, count: pageCount)
        dirty.update(repeating: false, count: pageCount)
        unsentCount = pageCount
        dirtyCount = 0
        unsentCursor = 0
        dirtyCursor = 0
    }

    /// Closes the save session.
    func stopTracking() {
        isTracking = false
        if unsentCount > 0 || dirtyCount > 0 {
            unsent.update(repeating: false, count: pageCount)
            dirty.update(repeating: false, count: pageCount)
        }
        unsentCount = 0
        dirtyCount = 0
    }

    /// Bytes of stream the session still owes: unsent plus dirty pages.
    var pendingBytes: UInt64 { UInt64((unsentCount + dirtyCount) * recordSize) }

    /// Reports the dirty bitmap the way QEMU syncs it from the container, for the trace.
    func syncDirtyBitmap() {
        trace_vfio_get_dirty_bitmap(
            traceIdentifier, 0, UInt64(size), UInt64((pageCount + 7) / 8), 0)
    }

    /// Takes up to `limit` pages to send, unsent pages first, marks them sent, hashes each where it lies and writes
    /// its entry into the record table at `table`; `admit` may turn a page down (a full gather list), which ends
    /// the read. Returns the pages taken. Each call resumes where the last one stopped, so a session costs one
    /// scan of the pages.
    private func takePages(limit: Int, table: UnsafeMutableRawPointer, admit: (Int) -> Bool) -> Int {
        var taken = 0
        // Counters in locals, stored once: each store to a class property is an exclusivity check.
        var unsentLeft = unsentCount
        var cursor = unsentCursor
        while taken < limit && unsentLeft > 0 {
            while !unsent[cursor] { cursor += 1 }
            guard admit(cursor) else { break }
            unsent[cursor] = false
            unsentLeft -= 1
            entry(taken, page: cursor, in: table)
            cursor += 1
            taken += 1
        }
        unsentCount = unsentLeft
        unsentCursor = cursor
        var dirtyLeft = dirtyCount
        cursor = dirtyCursor
        while taken < limit && dirtyLeft > 0 {
            while !dirty[cursor] { cursor = cursor + 1 == pageCount ? 0 : cursor + 1 }
            guard admit(cursor) else { break }
            dirty[cursor] = false
            dirtyLeft -= 1
            entry(taken, page: cursor, in: table)
            taken += 1
        }
        dirtyCount = dirtyLeft
        dirtyCursor = cursor
        let bytes = UInt64(taken * pageSize)
        passes.pageBytes += bytes
        passes.hashedBytes += bytes
        return taken
    }

    /// Writes whole records into `buffer` (a read of the data stream), as many as fit; returns the bytes written.
    func takeRecords(into buffer: UnsafeMutableRawBufferPointer) -> Int {
        guard let base = buffer.baseAddress else { return 0 }
        let taken = takePages(limit: buffer.count / recordSize, table: base) { _ in true }
        let pages = base + taken * PageRecord.overhead
        for ordinal in 0..<taken {
            let page = Int(PageRecord.entry(ordinal, in: base).index)
            (pages + ordinal * pageSize).copyMemory(from: storage + page * pageSize, byteCount: pageSize)
        }
        passes.copiedBytes += UInt64(taken * pageSize)
        return taken * recordSize
    }

    /// Takes whole records as ``takeRecords(into:)`` does, up to `maxBytes` of them, but leaves the pages where
    /// they are: writes the record table into `table` (room for the entries) and names each page in `pieces`.
    /// Returns the bytes the records take in the stream (table and pages).
    func takeRecords(table: UnsafeMutableRawBufferPointer, pieces: IOVectorList, maxBytes: Int) -> Int {
        guard let base = table.baseAddress else { return 0 }
        let limit = min(maxBytes / recordSize, table.count / PageRecord.overhead)
        let taken = takePages(limit: limit, table: base) { page in
            pieces.append(storage + page * pageSize, pageSize)
        }
        return taken * recordSize
    }

    /// Takes records as ``takeRecords(into:)`` does, up to `maxBytes` (at least one record when any is pending).
    func takeRecords(maxBytes: Int) -> [UInt8] {
        let capacity = max(maxBytes / recordSize, 1) * recordSize
        return [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
            count = takeRecords(into: UnsafeMutableRawBufferPointer(buffer))
        }
    }

    private func entry(_ ordinal: Int, page: Int, in table: UnsafeMutableRawPointer) {
        let check = PageRecord.checkValue(index: UInt32(page), contents: contents(of: page))
        PageRecord.storeEntry(ordinal, index: UInt32(page), check: check, in: table)
        remember(page: page, digest: check)
    }
}
