import Foundation

/// Finds the Swift and C files under the directories the sync tools are given.
public enum SourceFileCollector {
    /// A directory or file that could not be read.
    public struct ReadError: Error, CustomStringConvertible {
        /// The path.
        public var path: String
        /// Why.
        public var reason: String
        /// A one-line message for people.
        public var description: String { "\(path): error: \(reason)" }
    }

    /// Every `.swift`, `.c` and `.h` file under `paths` (a path may also name one file), sorted, each once.
    ///
    /// Hidden directories and SwiftPM's `.build` are skipped: they hold generated code and checkouts of
    /// other packages, not this package's calls.
    public static func sourceFiles(under paths: [String]) throws -> [String] {
        var found: Set<String> = []
        let manager = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw ReadError(path: path, reason: "no such file or directory")
            }
            if !isDirectory.boolValue {
                found.insert(path)
                continue
            }
            guard let enumerator = manager.enumerator(atPath: path) else {
                throw ReadError(path: path, reason: "cannot list directory")
            }
            while let relative = enumerator.nextObject() as? String {
                let name = (relative as NSString).lastPathComponent
                let full = (path as NSString).appendingPathComponent(relative)
                var isSubdirectory: ObjCBool = false
                _ = manager.fileExists(atPath: full, isDirectory: &isSubdirectory)
                if isSubdirectory.boolValue {
                    if name.hasPrefix(".") { enumerator.skipDescendants() }
                    continue
                }
                if SourceLanguage(path: name) != nil { found.insert(full) }
            }
        }
        return found.sorted()
    }

    /// The contents of a source file as text; invalid UTF-8 is refused, because the tools that rewrite
    /// files must give back every other byte unchanged.
    public static func read(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ReadError(path: path, reason: "cannot read file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ReadError(path: path, reason: "not valid UTF-8")
        }
        return text
    }
}
