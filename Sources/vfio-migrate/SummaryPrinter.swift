import VFIOMigration

/// Prints the summary of a completed migration to stdout.
func printSummary(
    _ summary: MigrationSummary, machine: MachineOptions, transport: String, parameters: MigrationParameters,
    destinationDigest: UInt64? = nil
) {
    let features = summary.protocolVersion == .v2 ? " (device features \(machine.configuration.features))" : ""
    let sourceDigest = DeviceSnapshot.combinedDigest(of: summary.sourceSnapshots)
    let equal: String
    switch (summary.destinationMatches, destinationDigest) {
    case (.some(true), _): equal = "yes: every page and config checksum matches the source's"
    case (.some(false), _): equal = "NO: the destination's checksums differ from the source's"
    case (nil, .some(let digest)):
        equal = digest == sourceDigest
            ? "yes: restored state digest 0x\(String(digest, radix: 16)) matches the source's"
            : "NO: restored state digest 0x\(String(digest, radix: 16)) differs from 0x\(String(sourceDigest, radix: 16))"
    case (nil, nil): equal = "unknown (no return path; source state digest 0x\(String(sourceDigest, radix: 16)))"
    }
    var downtimeNote = ""
    if summary.downtime > parameters.downtimeLimit {
        // With a return path the window also holds the destination's load, its state check and the go-ahead.
        downtimeNote = summary.destinationSnapshots != nil
            ? "; over it: the window spans the stop-and-copy and the destination's load, check and go-ahead"
            : "; over it"
        #if DEBUG
        downtimeNote += " in an unoptimized debug build"
        #endif
    }
    print("""
        build:         \(buildMode)
        protocol:      \(summary.protocolVersion)\(features)
        devices:       \(summary.deviceCount) x \(machine.pageCount) pages of \(machine.pageSize) bytes (\(formatBytes(UInt64(machine.pageCount * machine.pageSize))) each)
        transport:     \(transport)
        bytes sent:    \(formatBytes(summary.bytesSent)) (\(summary.bytesSent) bytes)
        iterations:    \(summary.iterations)\(summary.converged ? " (converged)" : " (iteration limit or no pre-copy)")
        dirtied pages: \(summary.dirtiedPages)
        total time:    \(formatSeconds(summary.totalTime))
        downtime:      \(formatSeconds(summary.downtime)) (limit \(formatSeconds(parameters.downtimeLimit))\(downtimeNote))
        state equal:   \(equal)
        peak memory:   \(peakResidentText(stateBytes: UInt64(summary.deviceCount * machine.pageCount * machine.pageSize)))
        """)
}

/// How this binary was compiled: debug builds copy and checksum pages several times slower, which shows in
/// every time of the summary.
#if DEBUG
let buildMode = "debug (unoptimized: times are several times a release build's; swift build -c release)"
#else
let buildMode = "release"
#endif

/// This process's peak resident memory beside the device state it holds.
func peakResidentText(stateBytes: UInt64) -> String {
    guard let peak = PeakResidentMemory.bytes() else { return "unknown" }
    return "\(formatBytes(peak)) resident at most, for \(formatBytes(stateBytes)) of device state"
}
