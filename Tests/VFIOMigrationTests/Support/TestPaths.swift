@_exported import Foundation
@_exported import TestSupport

extension TestPaths {
    /// The `vfio-migrate` built beside the test bundle (`swift build --build-tests` builds every product).
    static func vfioMigrate() throws -> URL {
        let candidate = productsDirectory.appendingPathComponent("vfio-migrate")
        guard FileManager.default.isExecutableFile(atPath: candidate.path) else {
            throw TestFailure("vfio-migrate is not built next to the tests at \(candidate.path); run 'swift build --build-tests' first")
        }
        return candidate
    }
}
