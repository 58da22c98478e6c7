import ArgumentParser
import Foundation
import Sandbox

/// `sparkify generate --out DIR [--scale N] [--seed S]`: writes Sparkify-shaped sample data (PRODUCT §7).
struct GenerateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write Sparkify-shaped sample data (log_data/, song_data/, log_json_path.json) to a directory.",
        discussion: """
            Scale 1 is the real data's size: 30 daily log files for November 2018 with about 8,000 events \
            and 14,896 song files. Scale N multiplies listeners, sessions and songs (above 1, each song file \
            holds several songs). The same scale and seed always give byte-identical files.
            """)

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: "Directory to write into (created if missing; existing files with the same names are replaced).")
    var out: String

    @Option(name: .long, help: "Size relative to the real data (1 = real size; fractions allowed).")
    var scale: Double = 1

    @Option(name: .long, help: "Seed of the generator.")
    var seed: UInt64 = DataGenerator.defaultSeed

    @Option(name: .long, help: ArgumentHelp(
        "Write only these days' log files (e.g. 21..25, or 30): the same events as the whole month's files for those days; no song files.",
        valueName: "FIRST..LAST"))
    var days: String?

    func validate() throws {
        if let days, Self.parseDays(days) == nil {
            throw ValidationError("--days '\(days)': give FIRST..LAST (or one day) within 1..30, e.g. --days 21..25")
        }
    }

    /// "21..25" or "30", within November's 1…30.
    static func parseDays(_ text: String) -> ClosedRange<Int>? {
        let parts = text.components(separatedBy: "..")
        guard parts.count <= 2, let first = Int(parts[0]), let last = Int(parts.last!), first <= last,
              DataGenerator.allDays.contains(first), DataGenerator.allDays.contains(last) else { return nil }
        return first...last
    }

    func run() async throws {
        var generator: DataGenerator
        do {
            generator = try DataGenerator(scale: scale, seed: seed)
            generator.days = days.flatMap(Self.parseDays)
        } catch {
            Output.stderr("error: \(error)")
            throw ExitCode(ExitStatus.usage)
        }
        let showProgress = !global.quiet && isatty(STDERR_FILENO) == 1
        let bar = showProgress ? Output.live : nil
        let started = Date()
        let summary: GenerationSummary
        do {
            summary = try await generator.write(to: out) { progress in
                bar?.show(Self.progressLine(done: progress.filesDone, total: progress.fileCount, bytes: progress.bytesWritten),
                          force: progress.filesDone == progress.fileCount)
            }
        } catch {
            Output.stderr("error: \(error)")
            throw ExitCode(ExitStatus.failed)
        }
        bar?.clear()
        let seconds = Date().timeIntervalSince(started)
        if global.json {
            print(GenerateCommand.jsonLine(summary, directory: out, scale: scale, seed: seed, seconds: seconds))
        } else if !global.quiet {
            print(GenerateCommand.describe(summary, directory: out, logFiles: generator.logFileCount,
                                           songFiles: generator.songFileCount, seconds: seconds,
                                           jsonPaths: generator.days == nil))
        }
    }

    /// "generating [#########---------------------] 312/1000 files, 42 MB"
    static func progressLine(done: Int, total: Int, bytes: Int) -> String {
        let width = 30
        let filled = total > 0 ? width * done / total : width
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        return "generating [\(bar)] \(done)/\(total) files, \(bytes / 1_000_000) MB"
    }

    static func describe(_ summary: GenerationSummary, directory: String, logFiles: Int, songFiles: Int, seconds: Double,
                         jsonPaths: Bool = true) -> String {
        let megabytes = Double(summary.byteCount) / 1_000_000
        let rest = jsonPaths ? ", \(songFiles) song files with \(summary.songCount) songs, log_json_path.json" : ""
        return "wrote \(summary.fileCount) files (\(String(format: "%.1f", megabytes)) MB) to \(directory): "
            + "\(logFiles) log files with \(summary.eventCount) events" + rest + " (\(String(format: "%.1f", seconds)) s)"
    }

    static func jsonLine(_ summary: GenerationSummary, directory: String, scale: Double, seed: UInt64, seconds: Double) -> String {
        let object: [String: Any] = [
            "event": "generated", "directory": directory, "files": summary.fileCount, "bytes": summary.byteCount,
            "events": summary.eventCount, "songs": summary.songCount, "scale": scale, "seed": seed,
            "seconds": (seconds * 1000).rounded() / 1000,
        ]
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
