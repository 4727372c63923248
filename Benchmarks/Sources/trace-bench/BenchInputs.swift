import CBaseline
import Glibc

/// The arguments every call site passes, laundered through C so the optimizer cannot fold them into
/// constants and delete or simplify the loops it is meant to time.
struct BenchInputs: @unchecked Sendable {
    /// A VFIO device name, as the migration engine's events carry.
    let name: String
    /// The same name as a C string that lives as long as the program.
    let cName: UnsafePointer<CChar>
    /// A starting offset; loops add the iteration number.
    let offset: UInt64
    /// A transfer size.
    let size: UInt32

    /// The inputs of every benchmark.
    static let standard = BenchInputs()

    private init() {
        let literal = "0000:65:00.0"
        let copy = strdup(literal)!
        cName = UnsafePointer(ste_bench_opaque_string(copy)!)
        name = String(cString: cName)
        offset = ste_bench_opaque_u64(0x1000_0000)
        size = UInt32(truncatingIfNeeded: ste_bench_opaque_u64(4096))
    }
}
