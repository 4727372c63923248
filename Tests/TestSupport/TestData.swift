import Foundation
import Testing

/// The test data that lives outside the repository, and what a test does when it is absent.
///
/// A test that needs data takes the `.needs(...)` trait: it runs when the data is there, skips with a one-line
/// reason when it is not, and always runs on CI (`CI=true`), where the missing data then fails it.
public enum TestData: Sendable, CustomStringConvertible {
    /// `../shared` beside the checkout (QEMU's current trace-events files, the VFIO history).
    case shared
    /// QEMU 7.2's `trace-events-all`, fetched by `.ci/setup` (see ``QEMU72``).
    case qemu72

    /// Whether CI runs the tests: missing data must fail there, not skip.
    public static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    /// Whether the data is present.
    public var isAvailable: Bool {
        switch self {
        case .shared: (try? SharedData.directory()) != nil
        case .qemu72: QEMU72.installedFile() != nil
        }
    }

    /// The skip comment: what is missing and how to get it.
    public var skipReason: String {
        switch self {
        case .shared:
            "needs ../shared (the project's test data beside the checkout, see README 'Test data'); with CI=true it fails instead"
        case .qemu72:
            "needs QEMU 7.2's trace-events-all: run .ci/setup (it fetches Debian's qemu-system-common into \(QEMU72.cacheFile.path)); with CI=true it fails instead"
        }
    }

    public var description: String {
        switch self {
        case .shared: "../shared"
        case .qemu72: "QEMU 7.2 trace-events-all"
        }
    }
}

extension Trait where Self == ConditionTrait {
    /// Runs the test when `data` is present, and always on CI; skips with the data's reason otherwise.
    public static func needs(_ data: TestData) -> Self {
        .enabled(if: data.isAvailable || TestData.isCI, Comment(rawValue: data.skipReason))
    }
}

/// One trace-events file of a QEMU corpus, with the group name the tests generate it under.
public struct QEMUCorpusFile: Sendable {
    /// The file.
    public let url: URL
    /// Its group: the directory below `qemu-trace-events` (`hw_vfio`), or ``QEMU72/group``.
    public let group: String

    /// A file and its group.
    public init(url: URL, group: String) {
        self.url = url
        self.group = group
    }
}

extension TestData {
    /// The QEMU trace-events files of this data: every file under `../shared/qemu-trace-events`, or QEMU 7.2's
    /// trace-events-all (its ``QEMU72/acceptedCopy()``). Throws, saying what is missing, when the data is absent.
    public func qemuCorpus() throws -> [QEMUCorpusFile] {
        switch self {
        case .shared:
            let root = try SharedData.directory().appending(path: "qemu-trace-events")
            return try SharedData.qemuTraceEventsFiles().map { url in
                let relative = url.deletingLastPathComponent().path.dropFirst(root.path.count).drop { $0 == "/" }
                let name = String(relative.map { $0.isLetter || $0.isNumber ? $0 : "_" })
                return QEMUCorpusFile(url: url, group: name.isEmpty ? "qemu_root" : name)
            }
        case .qemu72:
            return [QEMUCorpusFile(url: try QEMU72.acceptedCopy(), group: QEMU72.group)]
        }
    }
}
