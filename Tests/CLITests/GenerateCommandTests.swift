import Foundation
import Testing

/// `sparkify generate` run as a script would run it.
@Suite struct GenerateCommandTests {
    /// Every file under `root` by relative path.
    static func files(under root: String) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: root)
        while let path = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: root + "/" + path, isDirectory: &isDirectory),
                  !isDirectory.boolValue else { continue }
            files[path] = try Data(contentsOf: URL(fileURLWithPath: root + "/" + path))
        }
        return files
    }

    @Test func twoRunsWithOneSeedWriteTheSameFiles() async throws {
        let runner = try SparkifyRunner(environment: [:])
        defer { runner.remove() }
        let first = try await runner.run(["generate", "--out", "one", "--scale", "0.02", "--seed", "7"])
        let second = try await runner.run(["generate", "--out", "two", "--scale", "0.02", "--seed", "7", "--json"])
        #expect(first.status == 0 && second.status == 0, "\(first.stderr) \(second.stderr)")
        #expect(first.stderr.isEmpty, "no progress bar when stderr is not a terminal")
        let summary = try #require(first.lines.first)
        #expect(summary.hasPrefix("wrote 329 files ("))
        #expect(summary.contains(" MB) to one: 30 log files with "))
        #expect(summary.contains(" events, 298 song files with 298 songs, log_json_path.json ("))

        let json = try #require(try JSONSerialization.jsonObject(with: Data(second.stdout.utf8)) as? [String: Any])
        #expect(json["event"] as? String == "generated")
        #expect(json["files"] as? Int == 329)
        #expect(json["songs"] as? Int == 298)
        #expect(json["seed"] as? Int == 7)
        #expect(json["directory"] as? String == "two")

        let one = try Self.files(under: runner.directory + "/one")
        let two = try Self.files(under: runner.directory + "/two")
        #expect(one.count == 329)
        #expect(one == two, "separate processes must write byte-identical files")
        #expect(one["log_data/2018/11/2018-11-30-events.json"] != nil)
        #expect(json["bytes"] as? Int == one.values.map(\.count).reduce(0, +))
    }

    @Test func daysWriteOnlyThoseDaysLogsWithTheMonthsEvents() async throws {
        let runner = try SparkifyRunner(environment: [:])
        defer { runner.remove() }
        let month = try await runner.run(["generate", "--out", "month", "--scale", "0.02", "--seed", "7"])
        let days = try await runner.run(["generate", "--out", "days", "--scale", "0.02", "--seed", "7", "--days", "21..25"])
        #expect(month.status == 0 && days.status == 0, "\(month.stderr) \(days.stderr)")
        let written = try Self.files(under: runner.directory + "/days")
        let full = try Self.files(under: runner.directory + "/month")
        #expect(written.keys.sorted() == (21...25).map { "log_data/2018/11/2018-11-\($0)-events.json" })
        #expect(written == full.filter { written.keys.contains($0.key) }, "the same bytes as the month's files for those days")
        let summary = try #require(days.lines.first)
        #expect(summary.hasPrefix("wrote 5 files ("))
        #expect(summary.contains(" MB) to days: 5 log files with "))
        #expect(!summary.contains("song files"))

        let bad = try await runner.run(["generate", "--out", "bad", "--days", "25..31"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("--days '25..31': give FIRST..LAST (or one day) within 1..30, e.g. --days 21..25"))
    }

    @Test func aScaleOutOfRangeIsAUsageError() async throws {
        let runner = try SparkifyRunner(environment: [:])
        defer { runner.remove() }
        let run = try await runner.run(["generate", "--out", "data", "--scale", "0"])
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr == "error: scale 0.0 is out of range: give a number greater than 0 and at most 10000.0 (1 = the real data's size)\n")
        #expect(!FileManager.default.fileExists(atPath: runner.directory + "/data"))
    }

    @Test func anUnwritableOutputFailsWithThePath() async throws {
        let runner = try SparkifyRunner(environment: [:])
        defer { runner.remove() }
        #expect(FileManager.default.createFile(atPath: runner.directory + "/taken", contents: Data("x".utf8)))
        let run = try await runner.run(["generate", "--out", "taken/data", "--scale", "0.02"])
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix("error: cannot write taken/data: "))
        #expect(run.stderr.hasSuffix("; check that the output directory is writable and the disk has space\n"))
    }
}
