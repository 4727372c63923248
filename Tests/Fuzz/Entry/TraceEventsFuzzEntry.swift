/// libFuzzer's entry point: parse, validate and generate one `trace-events` text, and stop (a finding) when
/// the input breaks a promise of ``TraceEventsInvariant``. Built and run by `.ci/fuzz`.
@_cdecl("LLVMFuzzerTestOneInput")
public func traceEventsFuzzInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    if let violation = TraceEventsInvariant.violation(in: bytes) {
        fatalError("trace-events invariant broken: \(violation)")
    }
    return 0
}
