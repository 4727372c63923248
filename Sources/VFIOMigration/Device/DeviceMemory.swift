/// The state a simulated VFIO device holds: device memory in pages and a PCI-like config space, plus the dirty
/// tracking a migration-capable device keeps while a save session is open.
///
/// During a save session every page starts out unsent ("initial" data in PRE_COPY_INFO terms); a page the workload
/// writes after it was sent becomes dirty and has to be sent again.
public final class DeviceMemory {
    /// Bytes in the config space (a PCI function's standard config space).
    public static let configSize = 256

    /// Bytes per page.
    public let pageSize: Int
    /// Pages of device memory.
    public let pageCount: Int
    /// The identifier used as the container fd in dirty-bitmap traces.
    let traceIdentifier: Int32
    private(set) var bytes: [UInt8]
    private(set) var config: [UInt8]
    private var unsent: [Bool]
    private var dirty: [Bool]
    private(set) var unsentCount = 0
    private(set) var dirtyCount = 0
    /// Whether a save session tracks writes.
    public private(set) var isTracking = false

    /// Creates zeroed memory of `pageCount` pages of `pageSize` bytes.
    public init(pageCount: Int, pageSize: Int, traceIdentifier: Int32 = 0) {
        self.pageSize = pageSize
        self.pageCount = pageCount
        self.traceIdentifier = traceIdentifier
        bytes = Array(repeating: 0, count: pageCount * pageSize)
        config = Array(repeating: 0, count: Self.configSize)
        unsent = Array(repeating: false, count: pageCount)
        dirty = Array(repeating: false, count: pageCount)
    }

    /// Bytes one page occupies in the device's data stream.
    public var recordSize: Int { pageSize + PageRecord.overhead }

    /// Total bytes of device memory.
    public var size: Int { bytes.count }

    /// The snapshot of the current state.
    public func snapshot(name: String) -> DeviceSnapshot {
        var digests: [UInt64] = []
        digests.reserveCapacity(pageCount)
        for page in 0..<pageCount {
            digests.append(FNV1a.hash(bytes[(page * pageSize)..<((page + 1) * pageSize)]))
        }
        return DeviceSnapshot(name: name, pageDigests: digests, configDigest: FNV1a.hash(config))
    }

    /// Fills memory and config with bytes from `generator`, as a device that has been running for a while.
    public func randomize(using generator: inout some RandomNumberGenerator) {
        for page in 0..<pageCount { fill(page: page, seed: generator.next()) }
        for index in config.indices { config[index] = UInt8.random(in: 0...255, using: &generator) }
    }

    /// Fills a page with a pseudo-random pattern derived from `seed`: one generator call per page, word-sized
    /// stores, so that a busy workload stays cheap even in debug builds.
    private func fill(page: Int, seed: UInt64) {
        let base = page * pageSize
        bytes.withUnsafeMutableBytes { raw in
            var state = seed
            var offset = base
            let end = base + pageSize
            while offset < end {
                state = state &* 0x5851_f42d_4c95_7f2d &+ 0x1405_7b7e_f767_814f
                let word = state ^ (state >> 29)
                let count = min(8, end - offset)
                for byte in 0..<count { raw[offset + byte] = UInt8(truncatingIfNeeded: word >> (byte * 8)) }
                offset += count
            }
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

    /// Overwrites a page with loaded contents.
    func overwrite(page: Int, with contents: ArraySlice<UInt8>) {
        bytes.replaceSubrange((page * pageSize)..<((page + 1) * pageSize), with: contents)
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
        unsent = Array(repeating: true, count: pageCount)
        dirty = Array(repeating: false, count: pageCount)
        unsentCount = pageCount
        dirtyCount = 0
    }

    /// Closes the save session.
    func stopTracking() {
        isTracking = false
        unsent = Array(repeating: false, count: pageCount)
        dirty = Array(repeating: false, count: pageCount)
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

    /// Takes whole records, unsent pages first, up to `maxBytes` (at least one record when any is pending), and
    /// marks their pages sent.
    func takeRecords(maxBytes: Int) -> [UInt8] {
        var output: [UInt8] = []
        let limit = max(maxBytes / recordSize, 1)
        var taken = 0
        for pass in 0..<2 {
            for page in 0..<pageCount where taken < limit {
                if pass == 0 ? unsent[page] : dirty[page] {
                    PageRecord.append(
                        index: UInt32(page), contents: bytes[(page * pageSize)..<((page + 1) * pageSize)],
                        to: &output)
                    if pass == 0 {
                        unsent[page] = false
                        unsentCount -= 1
                    } else {
                        dirty[page] = false
                        dirtyCount -= 1
                    }
                    taken += 1
                }
            }
        }
        return output
    }
}
