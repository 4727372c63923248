import Foundation

/// QEMU's group names: a `trace-events` file's group is the chain of directories from the source root to
/// the file, joined with `_` (`hw/vfio/trace-events` is group `hw_vfio`); the file at the root is group
/// `root`. Characters that cannot appear in a C identifier become `_`, as meson's `underscorify()` does.
public enum EventGroupName {
    /// The group of the file at `path`, relative to the directory `root`.
    public static func group(ofFile path: String, root: String) -> String {
        let directory = components(of: URL(fileURLWithPath: path).deletingLastPathComponent().path)
        let base = components(of: root)
        let relative = directory.starts(with: base) ? Array(directory.dropFirst(base.count)) : directory
        guard !relative.isEmpty else { return "root" }
        return relative.joined(separator: "_").map { character in
            character.isASCII && (character.isLetter || character.isNumber) ? character : "_"
        }.reduce(into: "") { $0.append($1) }
    }

    /// The root that group names are taken relative to when none is given: the current directory when every
    /// file lies under it (running from QEMU's source tree names groups as QEMU does), otherwise the deepest
    /// directory that holds all the files.
    public static func defaultRoot(forFiles paths: [String], currentDirectory: String) -> String {
        let current = components(of: currentDirectory)
        let base = URL(fileURLWithPath: currentDirectory, isDirectory: true)
        let directories = paths.map {
            components(of: URL(fileURLWithPath: $0, relativeTo: base).deletingLastPathComponent().path)
        }
        if directories.allSatisfy({ $0.starts(with: current) }) { return path(of: current) }
        guard var common = directories.first else { return path(of: current) }
        for directory in directories.dropFirst() {
            common = Array(zip(common, directory).prefix { $0 == $1 }.map(\.0))
        }
        return path(of: common)
    }

    /// The components of `path` made absolute and standardized (`.` and `..` resolved).
    private static func components(of path: String) -> [String] {
        URL(fileURLWithPath: path).standardizedFileURL.path.split(separator: "/").map(String.init)
    }

    private static func path(of components: [String]) -> String {
        "/" + components.joined(separator: "/")
    }
}
