import Testing
@testable import VFIOMigration

@Suite("migration addresses")
struct MigrationAddressTests {
    @Test("QEMU-style URIs parse and print back")
    func roundTrip() throws {
        for text in ["tcp:127.0.0.1:4444", "tcp:[::1]:0", "unix:/tmp/x.sock", "file:/tmp/state"] {
            #expect(try MigrationAddress(parsing: text).description == text)
        }
        #expect(try MigrationAddress(parsing: "tcp::4444") == .tcp(host: "127.0.0.1", port: 4444))
    }

    @Test("bad addresses are refused with a message naming the accepted forms",
          arguments: ["", "tcp", "tcp:host", "tcp:host:99999", "udp:1.2.3.4:5", "unix:", "file:"])
    func refused(text: String) {
        #expect {
            try MigrationAddress(parsing: text)
        } throws: { error in
            (error as? MigrationError)?.description.contains("expected tcp:HOST:PORT, unix:PATH or file:PATH") == true
        }
    }

    @Test("connecting to nothing fails fast with a plain message")
    func connectRefused() throws {
        let path = temporaryPath("sock")
        #expect {
            try SocketTransport.connect(to: .unix(path: path), timeout: 1)
        } throws: { error in
            guard case .transportFailed(let message) = error as? MigrationError else { return false }
            return message.contains(path)
        }
    }

    @Test("accept gives up after its timeout")
    func acceptTimesOut() throws {
        let listener = try SocketListener(address: .tcp(host: "127.0.0.1", port: 0))
        defer { listener.close() }
        #expect(throws: MigrationError.self) { try listener.accept(timeout: 0.05, ioTimeout: 1) }
    }
}
