import Foundation

/// QEMU 7.2's complete definitions: Debian 12's `qemu-system-common` ships them as one file,
/// `/usr/share/qemu/trace-events-all` (5,060 events, the release just before the VFIO v2 series).
///
/// `.ci/setup` extracts that one file from the package into ``cacheFile`` (no install); a machine with the
/// package installed has it at ``systemFile``.
public enum QEMU72 {
    /// Where `.ci/setup` puts the file: inside the build folder, so `rm -rf .build` forgets it too.
    public static let cacheFile = SharedData.packageRoot.appending(path: ".build/qemu-7.2/trace-events-all")
    /// Where the installed package has it.
    public static let systemFile = URL(fileURLWithPath: "/usr/share/qemu/trace-events-all")

    /// The group name the tests give its events (C symbol prefix, LTTng provider).
    public static let group = "qemu_7_2"

    /// The event lines of the file that `swift-tracetool check` does not accept yet, by line number.
    ///
    /// QEMU 7.2 still has the `vcpu` property (an implicit vCPU argument), which the parser learns with the
    /// dialects work of issue 10. The corpus tests read ``acceptedCopy()``, where these lines are comments;
    /// `QEMU72AcceptanceTests` checks that exactly these lines fail, so this list must shrink (and finally
    /// go) as the parser learns them. This is the only place that lists them.
    public static let notYetAccepted: [Int: String] = [
        74: "guest_cpu_enter",
        82: "guest_cpu_exit",
        90: "guest_cpu_reset",
        101: "guest_user_syscall",
        110: "guest_user_syscall_ret",
    ]

    /// The file, if present.
    public static func installedFile() -> URL? {
        [cacheFile, systemFile].first { FileManager.default.fileExists(atPath: $0.path) }
    }

    /// The file as Debian ships it, or an error that says how to get it.
    public static func originalFile() throws -> URL {
        guard let url = installedFile() else { throw TestFailure(TestData.qemu72.skipReason) }
        return url
    }

    /// A copy of the file with the ``notYetAccepted`` lines turned into comments (line numbers unchanged), made
    /// once per test process.
    public static func acceptedCopy() throws -> URL {
        try acceptedCopyResult.get()
    }

    private static let acceptedCopyResult = Result<URL, any Error> {
        let original = try originalFile()
        var lines = try String(contentsOf: original, encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for (line, name) in notYetAccepted {
            guard line <= lines.count, lines[line - 1].contains(" \(name)(") else {
                throw TestFailure("\(original.path):\(line) is not the event \(name) that QEMU72.notYetAccepted names")
            }
            lines[line - 1] = "# not yet accepted: " + lines[line - 1]
        }
        let copy = try TestPaths.temporaryDirectory("qemu-7.2").appending(path: "trace-events-all")
        try Data(lines.joined(separator: "\n").utf8).write(to: copy)
        return copy
    }
}
