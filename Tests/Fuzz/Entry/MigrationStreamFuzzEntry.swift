import Glibc
import VFIOMigration

/// The source's state and, when `MIGRATION_FUZZ_SEEDS` names a directory, the recorded stream written there as
/// the seed, before libFuzzer reads its corpus directories. Built and run by `.ci/fuzz --target migration-stream`.
nonisolated(unsafe) private var sourceState: [DeviceSnapshot] = []

@_cdecl("LLVMFuzzerInitialize")
public func migrationStreamFuzzInitialize(
    _ argc: UnsafeMutablePointer<CInt>?, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>?
) -> CInt {
    do {
        sourceState = try MigrationStreamInvariant.sourceState()
        if let directory = getenv("MIGRATION_FUZZ_SEEDS").map({ String(cString: $0) }) {
            let stream = try MigrationStreamInvariant.recordedStream()
            let path = directory + "/recorded-stream"
            guard let file = fopen(path, "wb"), fwrite(stream, 1, stream.count, file) == stream.count, fclose(file) == 0 else {
                fatalError("cannot write the seed \(path)")
            }
        }
    } catch {
        fatalError("cannot record the source's migration: \(error)")
    }
    return 0
}

/// libFuzzer's entry point: load one migration stream into a fresh destination, and stop (a finding) when the
/// input breaks a promise of ``MigrationStreamInvariant``.
@_cdecl("LLVMFuzzerTestOneInput")
public func migrationStreamFuzzInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    if let violation = MigrationStreamInvariant.violation(in: bytes, source: sourceState) {
        fatalError("migration stream invariant broken: \(violation)")
    }
    return 0
}
