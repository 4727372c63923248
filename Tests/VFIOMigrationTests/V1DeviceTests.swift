import Testing
@testable import VFIOMigration

@Suite("v1 migration region")
struct V1DeviceTests {
    private func makeDevice(pages: Int = 4) -> V1Device {
        var generator = SplitMix64(seed: 7)
        let memory = DeviceMemory(pageCount: pages, pageSize: 64)
        memory.randomize(using: &generator)
        return V1Device(name: "v1", memory: memory, dataSectionSize: 2 * memory.recordSize)
    }

    @Test("the bit table: valid, invalid and error encodings")
    func bitTable() {
        let valid: [UInt32] = [0b000, 0b001, 0b010, 0b011, 0b100]
        let invalid: [UInt32] = [0b101, 0b110, 0b111]
        for value in valid { #expect(V1DeviceState(rawValue: value).isValid, "\(value)") }
        for value in invalid { #expect(!V1DeviceState(rawValue: value).isValid, "\(value)") }
        #expect(V1DeviceState(rawValue: 0b110).isError)
        #expect(V1DeviceState(rawValue: 0b1000_0110).isError)
        #expect(V1DeviceState(rawValue: 0b011).description == "pre-copy")
    }

    @Test("invalid combinations are refused and leave the state unchanged", arguments: [UInt32(0b101), 0b111, 0b110])
    func invalidWritesRefused(value: UInt32) {
        let device = makeDevice()
        #expect(throws: DeviceError.self) { try device.writeDeviceState(V1DeviceState(rawValue: value)) }
        #expect(device.deviceState == .running)
    }

    @Test("pending_bytes, data_offset and data_size follow the read and write rules")
    func readWriteRules() throws {
        let device = makeDevice()
        #expect(throws: DeviceError.self) { try device.readPendingBytes() }
        #expect(throws: DeviceError.self) { try device.readDataOffset() }
        try device.writeDeviceState([.running, .saving])
        #expect(throws: DeviceError.self) { try device.readDataSize() }
        #expect(try device.readPendingBytes() == UInt64(4 * device.memory.recordSize))
        let offset = try device.readDataOffset()
        #expect(offset == V1Device.dataOffset)
        #expect(try device.readDataSize() == UInt64(2 * device.memory.recordSize))
        #expect(try device.readPendingBytes() == UInt64(2 * device.memory.recordSize))
        #expect(throws: DeviceError.self) { try device.readRegion(offset: 0, count: 4) }
        #expect(throws: DeviceError.self) { try device.writeDataSize(1) }
    }

    @Test("reserved bits survive a read-modify-write")
    func reservedBitsKept() throws {
        let device = makeDevice()
        try device.writeDeviceState(V1DeviceState(rawValue: 0x100 | 0b001))
        let next = (device.deviceState.rawValue & ~V1DeviceState.running.rawValue) | V1DeviceState.saving.rawValue
        try device.writeDeviceState(V1DeviceState(rawValue: next))
        #expect(device.deviceState.rawValue == 0x100 | 0b010)
        #expect(device.deviceState.definedBits == .saving)
    }

    @Test("a save session moved through the data section restores every page on another device")
    func saveAndRestore() throws {
        let source = makeDevice(pages: 5)
        let destination = V1Device(
            name: "dst", memory: DeviceMemory(pageCount: 5, pageSize: 64), dataSectionSize: source.dataSectionSize)
        try source.writeDeviceState([.saving])
        try destination.writeDeviceState(.stop)
        try destination.writeDeviceState(.resuming)
        while try source.readPendingBytes() > 0 {
            let offset = try source.readDataOffset()
            let size = try source.readDataSize()
            let bytes = try source.readRegion(offset: offset, count: Int(size))
            let target = try destination.readDataOffset()
            try destination.writeRegion(offset: target, bytes: bytes)
            try destination.writeDataSize(size)
        }
        try destination.writeDeviceState(.running)
        // The config space is not device data: the engine sends it in its own DEV_CONFIG_STATE block.
        #expect(destination.memory.snapshot(name: "x").pageDigests == source.memory.snapshot(name: "x").pageDigests)
    }

    @Test("leaving RESUMING with missing pages puts the device in the error state")
    func incompleteResumeFails() throws {
        let device = makeDevice()
        try device.writeDeviceState(.stop)
        try device.writeDeviceState(.resuming)
        #expect(throws: DeviceError.self) { try device.writeDeviceState(.running) }
        #expect(device.deviceState.isError)
        #expect(!device.isRunning)
    }
}
