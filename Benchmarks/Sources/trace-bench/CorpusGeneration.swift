import Foundation
import TraceEventsGeneratorCore

/// Parses and generates QEMU's trace-events files through the generator's API, as `swift-tracetool generate`
/// and the build plugin do.
struct CorpusGeneration {
    /// What one file turned into.
    struct Output {
        /// The group name (C symbol prefix), from the file's path: `hw/vfio/trace-events` → `hw_vfio`.
        var group: String
        /// The generated header's file name.
        var headerName: String
        /// The generated Swift.
        var swift: String
        /// The generated C header.
        var cHeader: String
        /// The generated C source.
        var cSource: String
    }

    /// The Clang module every generated Swift file imports when the corpus is compiled as one module.
    static let cModule = "CorpusTracepoints"

    /// The files.
    let files: [URL]

    /// Events across all files (after one load).
    func eventCount() throws -> Int {
        try files.reduce(0) { $0 + (try TraceEventsLoader.load(path: $1.path).file.events.count) }
    }

    /// Reads, parses and validates every file; returns the number of error diagnostics.
    func parseAll() throws -> Int {
        var errors = 0
        for url in files {
            let (_, diagnostics) = try TraceEventsLoader.load(path: url.path)
            errors += diagnostics.filter { $0.severity == .error }.count
        }
        return errors
    }

    /// Reads, parses, validates and generates all three outputs of every file.
    ///
    /// - Throws: the generator's failure for a file it cannot generate, prefixed with the file.
    func generateAll() throws -> [Output] {
        try files.map { url in
            let relative = SharedData.corpusRelativePath(url)
            let (file, diagnostics) = try TraceEventsLoader.load(path: url.path)
            if diagnostics.containsErrors {
                throw ProcessRunner.Failure(description: diagnostics.filter { $0.severity == .error }
                    .map(\.description).joined(separator: "\n"))
            }
            let group = Self.group(forRelativePath: relative)
            let names = try GenerationNames.resolve(file: file, defaultGroup: group)
            let headerName = "\(names.group)_generated.h"
            let context = GenerationContext(
                file: file, names: names, headerName: headerName, cModule: Self.cModule, displayPath: relative)
            return Output(
                group: names.group, headerName: headerName,
                swift: try CodeGenerator.generate(.swift, context: context),
                cHeader: try CodeGenerator.generate(.cHeader, context: context),
                cSource: try CodeGenerator.generate(.cSource, context: context))
        }
    }

    /// `hw/vfio/trace-events` → `hw_vfio`; the corpus root's own file → `qemu`.
    static func group(forRelativePath relative: String) -> String {
        let directory = relative.split(separator: "/").dropLast().joined(separator: "_")
        let cleaned = String(directory.map { $0.isLetter || $0.isNumber ? $0 : "_" })
        return cleaned.isEmpty ? "qemu" : cleaned
    }
}
