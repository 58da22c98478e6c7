import Foundation

/// A stage's progress as one line: headless on a terminal's stderr, and the ETL panel's text.
extension StageReport {
    /// "staging_songs   [######--------------]  21/71 objects  210 rows  52.0 KB  40 rows/s  ETA 5 s"
    /// The bar is `barWidth` cells; parts that are unknown are left out.
    public func progressLine(barWidth: Int = 20) -> String {
        var parts = [sample.stage.title.padding(toLength: 15, withPad: " ", startingAt: 0)]
        if let fraction = sample.fraction, barWidth > 0 {
            let filled = min(barWidth, Int((fraction * Double(barWidth)).rounded(.down)))
            parts.append("[" + String(repeating: "#", count: filled) + String(repeating: "-", count: barWidth - filled) + "]")
        }
        if let total = sample.objectsTotal { parts.append("\(sample.objectsDone)/\(total) objects") }
        else if sample.objectsDone > 0 { parts.append("\(sample.objectsDone) objects") }
        if sample.stage != .listing { parts.append("\(sample.rows) rows") }
        if sample.bytes > 0 { parts.append(RunbookEvent.byteText(sample.bytes)) }
        if let rate = rowsPerSecond, rate > 0 { parts.append("\(Int(rate.rounded())) rows/s") }
        if let eta { parts.append("ETA " + Self.durationText(eta)) }
        return parts.joined(separator: "  ")
    }

    /// "5 s", "1m05s", "2h03m"
    public static func durationText(_ seconds: Double) -> String {
        let total = Int(seconds.rounded(.up))
        if total < 60 { return "\(total) s" }
        if total < 3600 { return String(format: "%dm%02ds", total / 60, total % 60) }
        return String(format: "%dh%02dm", total / 3600, total % 3600 / 60)
    }
}
