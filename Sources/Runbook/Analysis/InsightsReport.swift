import Foundation

import Warehouse

/// The insights as labelled pictures in lines of text: `sparkify insights` and the Insights view. Pure.
public enum InsightsReport {
    static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]

    /// The headline: "6,820 plays by 96 users — 39 of 6,820 plays matched a song (0.6%)".
    public static func headline(_ insights: Insights) -> String {
        let share = insights.plays > 0
            ? String(format: "%.1f%%", Double(insights.matchedPlays) * 100 / Double(insights.plays)) : "–"
        return "\(Chart.grouped(insights.plays)) plays by \(Chart.grouped(insights.users)) users — "
            + "\(Chart.grouped(insights.matchedPlays)) of \(Chart.grouped(insights.plays)) plays matched a song (\(share))"
    }

    /// "free 1,229 (18%) · paid 5,591 (82%)"
    public static func levels(_ levels: Insights.Levels) -> String {
        "free \(Chart.grouped(levels.free)) (\(Chart.percent(levels.free, of: levels.total))) · "
            + "paid \(Chart.grouped(levels.paid)) (\(Chart.percent(levels.paid, of: levels.total)))"
    }

    /// A labelled bar per value: `label bar value`, the bars filling what `width` leaves.
    public static func bars(_ rows: [(label: String, value: Int)], width: Int, unicode: Bool) -> [String] {
        let labelWidth = rows.map(\.label.count).max() ?? 0
        let valueWidth = rows.map { Chart.grouped($0.value).count }.max() ?? 0
        let maximum = rows.map(\.value).max() ?? 0
        // Past 50 columns a longer bar only makes the values harder to read across.
        let barWidth = max(1, min(50, width - labelWidth - valueWidth - 2))
        return rows.map { row in
            let value = Chart.grouped(row.value)
            return row.label.padding(toLength: labelWidth, withPad: " ", startingAt: 0) + " "
                + Chart.bar(row.value, of: maximum, width: barWidth, unicode: unicode) + " "
                + String(repeating: " ", count: valueWidth - value.count) + value
        }
    }

    /// Every answer, for a terminal `width` columns wide.
    public static func lines(_ insights: Insights, width: Int = 80, unicode: Bool = true) -> [String] {
        var lines = [headline(insights),
                     "plays by level: " + levels(insights.byLevel),
                     "users by level: " + levels(insights.usersByLevel), "",
                     "plays by hour of day (UTC)"]
        lines += bars(insights.byHour.enumerated().map { (label: twoDigits($0.offset), value: $0.element) },
                      width: width, unicode: unicode)
        lines += ["", "plays by weekday"]
        lines += bars(insights.byWeekday.enumerated().map { (label: weekdays[$0.offset], value: $0.element) },
                      width: width, unicode: unicode)
        lines += ["", "plays per day of the month"]
        lines += daySparkline(insights.byDay, unicode: unicode)
        lines += ["", "top users"]
        lines += table(insights.topUsers.map { ["\($0.name) (\($0.userID), \($0.level ?? "?"))", Chart.grouped($0.plays)] })
        lines += ["", "top locations"]
        lines += table(insights.topLocations.map { [$0.location, Chart.grouped($0.plays)] })
        lines += ["", "top songs (matched plays)"]
        lines += table(insights.topSongs.map { ["\($0.title ?? $0.songID) — \($0.artist ?? "?")", Chart.grouped($0.plays)] })
        lines += ["", "top artists (matched plays)"]
        lines += table(insights.topArtists.map { [$0.name ?? $0.artistID, Chart.grouped($0.plays)] })
        return lines
    }

    /// The sparkline with the days it spans and its peak: "1 ▁▃▅█ 30   peak 415 on day 15".
    public static func daySparkline(_ days: [Int], unicode: Bool) -> [String] {
        guard let peak = days.max(), peak > 0, let peakDay = days.firstIndex(of: peak) else { return ["no plays"] }
        return ["1 " + Chart.sparkline(days, unicode: unicode) + " \(days.count)   peak \(Chart.grouped(peak)) on day \(peakDay + 1)"]
    }

    /// Ranked rows: "  1  name …  plays", plays right-aligned; "none" when empty.
    static func table(_ rows: [[String]]) -> [String] {
        guard !rows.isEmpty else { return ["  none"] }
        let nameWidth = rows.map { $0[0].count }.max() ?? 0
        let playsWidth = rows.map { $0[1].count }.max() ?? 0
        return rows.enumerated().map { index, row in
            let rank = String(index + 1)
            return String(repeating: " ", count: 3 - min(3, rank.count)) + rank + "  "
                + row[0].padding(toLength: nameWidth, withPad: " ", startingAt: 0) + "  "
                + String(repeating: " ", count: playsWidth - row[1].count) + row[1]
        }
    }

    static func twoDigits(_ number: Int) -> String { number < 10 ? "0\(number)" : String(number) }
}
