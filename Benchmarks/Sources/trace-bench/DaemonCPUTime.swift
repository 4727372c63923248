import Foundation

/// CPU time used by LTTng's daemons (`lttng-sessiond`, `lttng-consumerd`, `lttng-relayd`), read from
/// `/proc/PID/stat`: on two cores that a migration's two threads keep busy, the daemons' work lands in the
/// migration's wall time though none of it is the traced process's.
enum DaemonCPUTime {
    /// Seconds of user and system CPU the LTTng daemons have used so far (0 when none runs).
    static func seconds() -> Double {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return 0 }
        let ticksPerSecond = Double(sysconf(Int32(_SC_CLK_TCK)))
        var ticks: UInt64 = 0
        for pid in entries where pid.allSatisfy(\.isNumber) {
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                let open = stat.firstIndex(of: "("), let close = stat.lastIndex(of: ")"),
                stat[stat.index(after: open)..<close].hasPrefix("lttng-")
            else { continue }
            // After "(comm) ": state is field 3; utime and stime are fields 14 and 15.
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            guard fields.count > 12, let user = UInt64(fields[11]), let system = UInt64(fields[12]) else { continue }
            ticks += user + system
        }
        return ticksPerSecond > 0 ? Double(ticks) / ticksPerSecond : 0
    }
}
