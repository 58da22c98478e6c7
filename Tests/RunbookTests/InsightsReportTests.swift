import Foundation
import Runbook
import Testing
import Warehouse

@Suite("Charts and the insights report")
struct InsightsReportTests {
    @Test func barsFillEighthsOfACellOrWholeASCIICells() {
        #expect(Chart.bar(0, of: 10, width: 4, unicode: true) == "    ")
        #expect(Chart.bar(10, of: 10, width: 4, unicode: true) == "████")
        #expect(Chart.bar(3, of: 8, width: 4, unicode: true) == "█▌  ")
        // A single play among a thousand still shows.
        #expect(Chart.bar(1, of: 1000, width: 4, unicode: true) == "▏   ")
        #expect(Chart.bar(3, of: 8, width: 4, unicode: false) == "##  ")
    }

    @Test func sparklinesScaleToTheLargestValueAndLeaveZeroBlank() {
        #expect(Chart.sparkline([0, 1, 4, 8], unicode: true) == " ▁▄█")
        #expect(Chart.sparkline([0, 1, 4, 8], unicode: false) == " _=#")
        #expect(Chart.sparkline([], unicode: true) == "")
    }

    @Test func numbersAreGroupedAndSharesRounded() {
        #expect(Chart.grouped(6820) == "6,820")
        #expect(Chart.grouped(1_234_567) == "1,234,567")
        #expect(Chart.grouped(999) == "999")
        #expect(Chart.grouped(-1000) == "-1,000")
        #expect(Chart.percent(1229, of: 6820) == "18%")
        #expect(Chart.percent(39, of: 6820) == "<1%")
        #expect(Chart.percent(0, of: 0) == "–")
    }

    @Test func theReportLabelsEveryValue() {
        let insights = Insights(
            plays: 6820, matchedPlays: 39, users: 96, byHour: [Int](repeating: 0, count: 24), byWeekday: [1, 0, 0, 0, 0, 0, 0],
            byLevel: .init(free: 1229, paid: 5591), usersByLevel: .init(free: 74, paid: 22), byDay: [0, 3, 6],
            topUsers: [.init(userID: "49", firstName: "Chloe", lastName: "Cuevas", level: "paid", plays: 689)],
            topLocations: [], topSongs: [.init(songID: "SO1", title: "You're The One", artist: "Dwight Yoakam", plays: 37)],
            topArtists: [.init(artistID: "AR1", name: "Dwight Yoakam", plays: 37)], at: Date(timeIntervalSince1970: 0))
        #expect(InsightsReport.headline(insights) == "6,820 plays by 96 users — 39 of 6,820 plays matched a song (0.6%)")
        #expect(InsightsReport.levels(insights.byLevel) == "free 1,229 (18%) · paid 5,591 (82%)")
        #expect(InsightsReport.bars([(label: "00", value: 5), (label: "01", value: 10)], width: 20, unicode: true) == [
            "00 ███████         5",
            "01 ██████████████ 10",
        ])
        #expect(InsightsReport.daySparkline(insights.byDay, unicode: true) == ["1  ▄█ 3   peak 6 on day 3"])
        let lines = InsightsReport.lines(insights, width: 40, unicode: false)
        #expect(Array(lines.drop { $0 != "plays by weekday" }.prefix(3)) == [
            "plays by weekday",
            "Sun " + String(repeating: "#", count: 34) + " 1",
            "Mon " + String(repeating: " ", count: 34) + " 0",
        ])
        #expect(Array(lines.drop { $0 != "top users" }.prefix(2)) == ["top users", "  1  Chloe Cuevas (49, paid)  689"])
        #expect(Array(lines.drop { $0 != "top locations" }.prefix(2)) == ["top locations", "  none"])
        #expect(Array(lines.drop { $0 != "top songs (matched plays)" }.prefix(2))
            == ["top songs (matched plays)", "  1  You're The One — Dwight Yoakam  37"])
    }

    @Test func durationsReadAsSecondsOrMinutes() {
        #expect(RunHistoryReport.duration(0.42) == "0.4 s")
        #expect(RunHistoryReport.duration(125) == "2 min 05 s")
        #expect(RunHistoryReport.duration(nil) == "–")
    }
}
