/// A planned change to one file: its contents as read, and as they are to be written.
public struct FileUpdate: Hashable, Sendable {
    /// The file's path.
    public var path: String
    /// The contents as read, kept so that a failed transaction can put them back.
    public var original: [UInt8]
    /// The contents to write.
    public var updated: [UInt8]

    /// Creates an update.
    public init(path: String, original: [UInt8], updated: [UInt8]) {
        self.path = path
        self.original = original
        self.updated = updated
    }
}
