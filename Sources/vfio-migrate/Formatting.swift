/// `1.5 MiB`-style sizes.
func formatBytes(_ bytes: UInt64) -> String {
    let units = ["B", "KiB", "MiB", "GiB"]
    var value = Double(bytes)
    var unit = 0
    while value >= 1024 && unit < units.count - 1 {
        value /= 1024
        unit += 1
    }
    return unit == 0 ? "\(bytes) B" : "\(formatFixed(value, 1)) \(units[unit])"
}

/// Seconds with sensible precision: `12.3 ms` or `1.234 s`.
func formatSeconds(_ seconds: Double) -> String {
    seconds < 1 ? "\(formatFixed(seconds * 1000, 1)) ms" : "\(formatFixed(seconds, 3)) s"
}

/// `value` with `digits` decimals, without Foundation.
func formatFixed(_ value: Double, _ digits: Int) -> String {
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let scaled = Int64((value * scale).rounded())
    let whole = scaled / Int64(scale)
    let fraction = String(abs(scaled % Int64(scale)))
    guard digits > 0 else { return String(whole) }
    return "\(whole).\(String(repeating: "0", count: digits - fraction.count))\(fraction)"
}
