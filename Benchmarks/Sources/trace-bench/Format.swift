/// Number formatting for the table: three significant digits are all a noisy machine can back up.
enum Format {
    /// A figure with about three significant digits.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "–" }
        let magnitude = abs(value)
        let decimals = magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : magnitude >= 1 ? 2 : 3
        return fixed(value, decimals: decimals)
    }

    /// A ratio such as `1.07x`.
    static func ratio(_ value: Double) -> String { fixed(value, decimals: 2) + "x" }

    /// `value` with exactly `decimals` digits after the point (no Foundation formatter, no locale).
    static func fixed(_ value: Double, decimals: Int) -> String {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        let integer = Int(scaled / scale)
        let fraction = Int(scaled) - integer * Int(scale)
        var text = (value < 0 && scaled != 0 ? "-" : "") + String(integer)
        if decimals > 0 {
            let digits = String(fraction)
            text += "." + String(repeating: "0", count: decimals - digits.count) + digits
        }
        return text
    }
}
