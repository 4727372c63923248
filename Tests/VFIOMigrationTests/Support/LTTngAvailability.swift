import Foundation
import Testing

/// Whether the LTTng test of `vfio-migrate` can run here, and if not, why.
enum LTTngAvailability {
    static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    /// Why the test cannot run, or nil when it can: the LTTng tools must be installed and `vfio-migrate` must
    /// have been built with the LTTng trait (its `--lttng-help` says when it was not).
    static let unavailableReason: String? = {
        let missing = ["lttng", "lttng-sessiond", "babeltrace2"].filter { TestPaths.executable($0) == nil }
        if !missing.isEmpty {
            return "\(missing.joined(separator: ", ")) not installed: apt-get install lttng-tools babeltrace2 liblttng-ust-dev"
        }
        do {
            let help = try ProcessRunner.run(try TestPaths.vfioMigrate(), ["demo", "--lttng-help"], timeout: 30)
            if help.output.contains("built without LTTng support") {
                return "vfio-migrate was built without the LTTng trait, so it has no LTTng tracepoints: run the tests with 'swift build --traits LTTng --build-tests' and 'swift test --traits LTTng'"
            }
            if !help.output.contains("vfio_migration (") {
                return "vfio-migrate --lttng-help names no vfio_migration provider:\n\(help.combined)"
            }
        } catch {
            return "\(error)"
        }
        return nil
    }()

    /// Runs the test when it can, and always on CI, where a missing prerequisite must fail, not skip.
    static var testRuns: Bool { unavailableReason == nil || isCI }

    static var skipComment: Comment {
        Comment(rawValue: "LTTng test of vfio-migrate cannot run (set CI=true to make this a failure): \(unavailableReason ?? "")")
    }

    /// Fails with the reason (reached only on CI when something is missing).
    static func require() throws {
        if let unavailableReason { throw TestFailure("LTTng test of vfio-migrate cannot run: \(unavailableReason)") }
    }
}
