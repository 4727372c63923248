import Testing
@testable import VFIOMigration

@Suite("v2 device data streams")
struct V2DeviceTests {
    private func makeDevice(features: V2MigrationFeatures = [.p2p, .preCopy]) -> V2Device {
        var generator = SplitMix64(seed: 3)
        let memory = DeviceMemory(pageCount: 4, pageSize: 32)
        memory.randomize(using: &generator)
        return V2Device(name: "v2", memory: memory, features: features)
    }

    @Test("PRE_COPY reports initial then dirty bytes, ends temporarily with ENOMSG, and closes on leaving")
    func preCopyStream() throws {
        let device = makeDevice()
        let record = UInt64(device.memory.recordSize)
        let stream = try #require(try device.setState(.preCopy))
        #expect(try stream.precopyInfo() == (4 * record, 0))
        #expect(try stream.read(maxBytes: Int(2 * record)).count == Int(2 * record))
        var generator = SplitMix64(seed: 9)
        device.memory.write(page: 0, using: &generator)
        #expect(try stream.precopyInfo() == (2 * record, record))
        #expect(try stream.read(maxBytes: 1 << 20).count == Int(3 * record))
        #expect(throws: DeviceError.noMessage) { try stream.read(maxBytes: 1 << 20) }
        #expect(try device.stopCopyLength() == 0)
        _ = try device.setState(.running)
        #expect(throws: DeviceError.badFileDescriptor) { try stream.read(maxBytes: 1) }
    }

    @Test("STOP_COPY ends with an empty read; PRECOPY_INFO is refused there")
    func stopCopyStream() throws {
        let device = makeDevice(features: [])
        _ = try device.setState(.stop)
        let stream = try #require(try device.setState(.stopCopy))
        #expect(throws: DeviceError.self) { try stream.precopyInfo() }
        var total = 0
        while case let chunk = try stream.read(maxBytes: 100), !chunk.isEmpty { total += chunk.count }
        #expect(total == 4 * device.memory.recordSize)
    }

    @Test("a resumed device refuses a corrupted record and lands in ERROR")
    func corruptedRecordRefused() throws {
        let source = makeDevice(features: [])
        _ = try source.setState(.stop)
        var bytes = try #require(try source.setState(.stopCopy)).read(maxBytes: 1 << 20)
        bytes[10] ^= 0xff
        let destination = V2Device(name: "d", memory: DeviceMemory(pageCount: 4, pageSize: 32), features: [])
        _ = try destination.setState(.stop)
        let stream = try #require(try destination.setState(.resuming))
        #expect(throws: DeviceError.self) { try stream.write(bytes) }
        #expect(destination.state == .error)
    }
}
