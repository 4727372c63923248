import Foundation

/// Renders rows as the Markdown table the README shows.
struct ResultTable {
    /// The rows, in order; a row starts a new section when its section differs from the one before.
    var rows: [ResultRow]

    /// The Markdown text.
    func markdown() -> String {
        var lines = [
            "| benchmark | unit | ours | baseline | ours / baseline | goal | notes |",
            "|---|---|---:|---:|---:|---|---|",
        ]
        var section: String?
        for row in rows {
            if row.section != section {
                section = row.section
                lines.append("| **\(row.section)** | | | | | | |")
            }
            let ours = row.ours.map(Format.number) ?? "not measured"
            let baseline = row.baseline.map(Format.number) ?? "–"
            let ratio = row.ratio.map(Format.ratio) ?? "–"
            var goal = row.goal?.text ?? ""
            switch row.goalMet {
            case true?: goal += ": met"
            case false?: goal += ": **missed**"
            case nil: if row.goal != nil { goal += ": not measured" }
            }
            let notes = row.notes.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
            lines.append("| \(row.measurement) | \(row.unit) | \(ours) | \(baseline) | \(ratio) | \(goal) | \(notes) |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The goals that were missed, one plain sentence each, for the summary under the table.
    func missedGoals() -> [String] {
        rows.compactMap { row in
            guard row.goalMet == false, let goal = row.goal else { return nil }
            let figure = row.ratio.map(Format.ratio) ?? row.ours.map { Format.number($0) + " " + row.unit } ?? "?"
            return "\(row.section), \(row.measurement): \(figure), goal \(goal.text)"
        }
    }
}
