import VFIOMigration

/// A migration stream held in memory: the source writes into ``written``, the destination reads a given array,
/// so the fuzzer loads thousands of streams a second without a file or a socket. No return path, as a file.
final class MemoryTransport: Transport {
    /// Everything written so far.
    private(set) var written: [UInt8] = []
    private let input: [UInt8]
    private var offset = 0
    private var isClosed = false

    /// A transport that reads `input`, then reports the end of the stream.
    init(reading input: [UInt8] = []) {
        self.input = input
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard !isClosed else { throw MigrationError.transportFailed("write to memory: closed") }
        written += bytes
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard !isClosed else { throw MigrationError.transportFailed("read from memory: closed") }
        let count = min(buffer.count, input.count - offset)
        input.withUnsafeBytes { source in
            buffer.baseAddress!.copyMemory(from: source.baseAddress! + offset, byteCount: count)
        }
        offset += count
        return count
    }

    func shutdown() { isClosed = true }

    func close() { isClosed = true }

    var supportsReturnPath: Bool { false }

    var deadline: Double?
}
