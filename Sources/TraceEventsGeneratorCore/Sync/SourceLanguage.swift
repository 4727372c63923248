/// The languages whose sources the sync tools read, which differ in how comments and literals are lexed.
public enum SourceLanguage: Sendable, Hashable {
    /// Swift: nested `/* */` comments, `"""` multi-line strings, raw `#"..."#` strings, interpolation.
    case swift
    /// C and its headers: flat `/* */` comments, `'x'` character literals.
    case c

    /// The language of a file, judged by its extension, or nil for files the tools do not read.
    public init?(path: String) {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: ".") else { return nil }
        switch name[name.index(after: dot)...] {
        case "swift": self = .swift
        case "c", "h": self = .c
        default: return nil
        }
    }
}
