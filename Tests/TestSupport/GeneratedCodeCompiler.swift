import Foundation
import Testing

/// Compiles generated code as a client's build would, for the tests of "what check accepts compiles" (the QEMU
/// corpus, the fuzzer's accepted inputs): the Swift against the TraceEvents module this test run was built with,
/// the C providers with gcc under `-Werror`, once per set of C backends.
public enum GeneratedCodeCompiler {
    /// A backend of the generated C provider: a define compiles it in, and it needs a system header.
    public struct CBackend: Sendable, CustomStringConvertible {
        /// The name of the package trait that turns it on (also the Swift condition of its calls).
        public let trait: String
        /// The C macro the trait defines in a tracepoints target.
        public let define: String
        /// The system header it includes.
        public let header: String
        /// The Debian package that installs the header.
        public let debianPackage: String

        /// LTTng-UST (`<lttng/tracepoint.h>`).
        public static let lttng = CBackend(trait: "LTTng", define: "STE_LTTNG", header: "lttng/tracepoint.h", debianPackage: "liblttng-ust-dev")
        /// USDT probes (`<sys/sdt.h>`).
        public static let usdt = CBackend(trait: "USDT", define: "STE_USDT", header: "sys/sdt.h", debianPackage: "systemtap-sdt-dev")
        /// Every C backend.
        public static let all = [lttng, usdt]

        /// Whether the header is installed (in /usr/include or its multiarch directory).
        public var isInstalled: Bool {
            ["/usr/include", "/usr/include/x86_64-linux-gnu", "/usr/include/aarch64-linux-gnu"]
                .contains { FileManager.default.fileExists(atPath: "\($0)/\(header)") }
        }

        /// Whether a test of this backend runs: when its header is installed, and always on CI (where the
        /// generated `#error` naming the package then fails it).
        public var testsRun: Bool { isInstalled || TestData.isCI }

        /// Why a test of this backend skips.
        public var skipReason: String {
            "needs <\(header)>: apt-get install \(debianPackage) (or run .ci/setup); with CI=true it fails instead"
        }

        public var description: String { trait }

        /// The backends whose headers are installed.
        public static var installed: [CBackend] { all.filter(\.isInstalled) }
    }

    /// The runtime's C headers (`CTraceEvents.h`), which every generated header includes.
    public static var runtimeInclude: URL { TestPaths.packageRoot.appending(path: "Sources/CTraceEvents/include") }

    /// Compiles each of `sources` to an object in `directory` with gcc (gnu17, SwiftPM's C standard; `-Wall -Wextra
    /// -Werror`), the generated headers found in `includes` and `backends` compiled in.
    public static func compileC(
        _ sources: [URL], backends: [CBackend], includes: URL, in directory: URL
    ) throws -> ProcessRunner.Result {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return try ProcessRunner.run(
            tool: "gcc",
            ["-std=gnu17", "-O1", "-Wall", "-Wextra", "-Werror", "-c", "-I", includes.path, "-I", runtimeInclude.path]
                + backends.map { "-D\($0.define)" } + sources.map(\.path),
            in: directory, timeout: 900)
    }

    /// `swiftc -typecheck` of `files` against the built TraceEvents module, the generated headers' module map in
    /// `includes`; each of `backends` (installed ones: the header imports LTTng's when it is there) makes its
    /// `#if` calls part of the check.
    public static func typeCheckSwift(_ files: [URL], backends: [CBackend], includes: URL) throws -> ProcessRunner.Result {
        guard let swiftc = TestPaths.executable("swiftc") else { throw TestFailure("swiftc is not on PATH") }
        let products = TestPaths.productsDirectory
        let cTraceEventsMap = products.appending(path: "CTraceEvents.build/module.modulemap")
        guard FileManager.default.fileExists(atPath: products.appending(path: "Modules/TraceEvents.swiftmodule").path),
              FileManager.default.fileExists(atPath: cTraceEventsMap.path)
        else {
            throw TestFailure("the TraceEvents module is not in \(products.path): build the tests with swift build --build-tests first")
        }
        return try ProcessRunner.run(
            swiftc,
            ["-typecheck", "-swift-version", "6", "-parse-as-library", "-module-name", "GeneratedCode",
             "-I", products.appending(path: "Modules").path, "-I", includes.path,
             "-Xcc", "-fmodule-map-file=\(cTraceEventsMap.path)", "-Xcc", "-I\(runtimeInclude.path)"]
                + backends.flatMap { ["-D", $0.trait] } + files.map(\.path),
            timeout: 900)
    }

    /// `items` split into batches within which no name repeats, so each batch compiles in one compiler run:
    /// generated functions are named after events, and unrelated files may reuse a name (QEMU's linux-user and
    /// bsd-user, two mutants of one seed).
    public static func batches<Item>(_ items: [Item], names: (Item) -> Set<String>) -> [[Item]] {
        var batches: [(names: Set<String>, items: [Item])] = []
        for item in items {
            let itemNames = names(item)
            if let index = batches.firstIndex(where: { $0.names.isDisjoint(with: itemNames) }) {
                batches[index].names.formUnion(itemNames)
                batches[index].items.append(item)
            } else {
                batches.append((itemNames, [item]))
            }
        }
        return batches.map(\.items)
    }
}

extension Trait where Self == ConditionTrait {
    /// Runs the test when `backend`'s header is installed, and always on CI; skips with the install line otherwise.
    public static func needs(_ backend: GeneratedCodeCompiler.CBackend) -> Self {
        .enabled(if: backend.testsRun, Comment(rawValue: backend.skipReason))
    }
}
