import Foundation
import Testing
@testable import Sandbox

@Suite struct DataDirectoryTests {
    @Test func listsExactlyItsFilesByKey() throws {
        let root = try DataFixture.make("list")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let directory = try DataDirectory(root)
        #expect(directory.files.map(\.key) == [
            "log_data/2018/11/2018-11-01-events.json",
            "log_data/2018/11/2018-11-02-events.json",
            "log_json_path.json",
            "song_data/A/A/B/TRAABJV128F1460C49.json",
        ])
        #expect(directory.byteCount == DataFixture.files.values.reduce(0) { $0 + $1.utf8.count })
        #expect(directory.warnings.isEmpty)
        #expect(try directory.files[2].data() == Data(DataFixture.files["log_json_path.json"]!.utf8))
    }

    @Test func withoutLogDataItSaysWhatToPass() throws {
        let root = try DataFixture.make("nolog", files: ["song_data/A/x.json": "{}"])
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect {
            try DataDirectory(root)
        } throws: { error in
            guard let error = error as? SandboxError, error.isUsageError else { return false }
            return error.description == "--data \(root): it has no log_data/ directory. Pass the directory that holds "
                + "log_data/, song_data/ and log_json_path.json (the bucket's layout)."
        }
        #expect(throws: SandboxError.self) { try DataDirectory(root + "/missing") }
    }

    @Test func missingSongsOrJSONPathsAreWarnings() throws {
        let root = try DataFixture.make("logsonly", files: ["log_data/a.json": "{}"])
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(try DataDirectory(root).warnings == [
            "\(root) has no song_data/: songs will be empty",
            "\(root) has no log_json_path.json: staging events with JSONPaths will fail",
        ])
    }
}
