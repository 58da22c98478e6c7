import Foundation
import Sandbox
import Testing
import TestSupport

/// Compares the generator's distributions (scale 1, default seed) with the real sample in
/// ../shared/data/udacity-sample, each within an explicit tolerance, and prints the table.
@Suite struct GeneratorDistributionTests {
    /// One row of the comparison: what is measured, the real and generated values, the allowed distance.
    struct Row {
        var metric: String
        var real: Double
        var generated: Double
        var tolerance: Double
        var isCount = false

        var passes: Bool { abs(generated - real) <= tolerance }
    }

    static func rows(real: SampleStatistics, generated: SampleStatistics) -> [Row] {
        var rows: [Row] = [
            Row(metric: "events (30 files)", real: Double(real.eventCount), generated: Double(generated.eventCount),
                tolerance: 0.2 * Double(real.eventCount), isCount: true),
            Row(metric: "events per file, mean", real: real.eventsPerFileMean, generated: generated.eventsPerFileMean,
                tolerance: 0.2 * real.eventsPerFileMean, isCount: true),
            Row(metric: "events per file, coeff. of variation", real: real.eventsPerFileVariation,
                generated: generated.eventsPerFileVariation, tolerance: 0.2),
        ]
        let pageTolerances: [String: Double] = [
            "NextSong": 0.03, "Home": 0.025, "Login": 0.005, "Logout": 0.005, "Downgrade": 0.004, "Settings": 0.004,
            "Help": 0.004, "About": 0.004, "Upgrade": 0.003, "Save Settings": 0.002, "Error": 0.002,
            "Submit Upgrade": 0.002, "Submit Downgrade": 0.002,
        ]
        for page in SampleStatistics.pages {
            rows.append(Row(metric: "page \(page)", real: real.pageShare[page] ?? 0,
                            generated: generated.pageShare[page] ?? 0, tolerance: pageTolerances[page] ?? 0))
        }
        rows += [
            Row(metric: "artist/song/length null", real: real.songFieldsNull, generated: generated.songFieldsNull, tolerance: 0.03),
            Row(metric: "names/gender/location/registration/userAgent null", real: real.listenerFieldsNull,
                generated: generated.listenerFieldsNull, tolerance: 0.015),
            Row(metric: "logged-out events (userId \"\")", real: real.loggedOut, generated: generated.loggedOut, tolerance: 0.015),
            Row(metric: "users with events", real: Double(real.userCount), generated: Double(generated.userCount),
                tolerance: 15, isCount: true),
            Row(metric: "users who change level", real: real.levelChangeUsers, generated: generated.levelChangeUsers, tolerance: 0.05),
            Row(metric: "paid events", real: real.paidEvents, generated: generated.paidEvents, tolerance: 0.1),
            Row(metric: "userAgent unquoted", real: real.unquotedUserAgents, generated: generated.unquotedUserAgents, tolerance: 0.08),
            Row(metric: "events per session", real: real.eventsPerSession, generated: generated.eventsPerSession, tolerance: 2),
            Row(metric: "single-event sessions", real: real.singleEventSessions, generated: generated.singleEventSessions, tolerance: 0.06),
            Row(metric: "distinct songs per NextSong", real: real.distinctSongsPerPlay, generated: generated.distinctSongsPerPlay,
                tolerance: 0.06),
            Row(metric: "NextSong with double-encoded text", real: real.nonASCIIPlays, generated: generated.nonASCIIPlays, tolerance: 0.02),
            Row(metric: "song year 0", real: real.yearZero, generated: generated.yearZero, tolerance: 0.03),
            Row(metric: "song latitude/longitude null", real: real.coordinatesNull, generated: generated.coordinatesNull, tolerance: 0.03),
            Row(metric: "song artist_location empty", real: real.emptyArtistLocation, generated: generated.emptyArtistLocation,
                tolerance: 0.03),
            Row(metric: "songs with a number as name/location (per 1,000)",
                real: 1000 * Double(real.numbersAsText) / Double(real.songCount),
                generated: 1000 * Double(generated.numbersAsText) / Double(generated.songCount), tolerance: 1.5),
            Row(metric: "NextSong matching a song, at full coverage", real: real.matchRateAtFullCoverage,
                generated: generated.matchRateAtFullCoverage, tolerance: 0.015),
        ]
        return rows
    }

    static func table(_ rows: [Row], realSongs: Int, generatedSongs: Int) -> String {
        func format(_ value: Double, count: Bool) -> String {
            count ? String(format: "%.1f", value) : String(format: "%.4f", value)
        }
        var lines = [
            "| metric | real sample | generated (scale 1, seed \(DataGenerator.defaultSeed)) | tolerance | ok |",
            "|---|---:|---:|---:|:-:|",
        ]
        for row in rows {
            lines.append("| \(row.metric) | \(format(row.real, count: row.isCount)) | \(format(row.generated, count: row.isCount)) "
                + "| ±\(format(row.tolerance, count: row.isCount)) | \(row.passes ? "yes" : "NO") |")
        }
        lines.append("")
        lines.append("Song files: real sample \(realSongs) of the 14,896-song set (its match rate is scaled by 14,896/\(realSongs)); "
            + "generated \(generatedSongs).")
        return lines.joined(separator: "\n")
    }

    @Test func generatedDistributionsMatchTheRealSample() throws {
        guard let directory = SharedFixtures.directory("data/udacity-sample") else { return }
        let real = SampleStatistics(try SampleData.read(directory: directory))
        let generated = SampleStatistics(try SharedSamples.scaleOne.get())
        let rows = Self.rows(real: real, generated: generated)
        print("Generator vs real sample:\n" + Self.table(rows, realSongs: real.songCount, generatedSongs: generated.songCount))
        for row in rows {
            #expect(row.passes, "\(row.metric): generated \(row.generated), real \(row.real), tolerance \(row.tolerance)")
        }
        #expect(real.eventCount == 8_056)
        #expect(real.songCount == 1_943)
    }
}
