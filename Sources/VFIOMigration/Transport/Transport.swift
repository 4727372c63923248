/// A byte stream between the two sides of a migration: a connected socket, or a file written now and read later.
///
/// Every blocking call is bounded by the transport's timeout and throws `MigrationError.timedOut` when it expires,
/// so no side can hang on a silent peer.
public protocol Transport: AnyObject {
    /// Sends all of `bytes`.
    func write(_ bytes: [UInt8]) throws
    /// Receives up to `maxBytes`; an empty result means the peer closed the stream.
    func read(maxBytes: Int) throws -> [UInt8]
    /// Ends the connection in both directions without releasing it, so the peer notices at once.
    func shutdown()
    /// Releases the transport; later calls fail.
    func close()
    /// Whether the transport carries a reply from the destination back to the source.
    var supportsReturnPath: Bool { get }
}
