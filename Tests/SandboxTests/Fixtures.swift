import Foundation
@testable import Sandbox

extension SandboxState {
    /// A state as `up` would save it; no files behind it.
    static func fixture(directory: String = "/state", postgresPort: Int = 5433, motoPort: Int = 5001, pid: Int32 = 42,
                        seed: Seed? = Seed(source: "generated, scale 1, seed 2018", files: 14_927, bytes: 9_876_543,
                                           at: Date(timeIntervalSince1970: 1_700_000_000))) -> SandboxState {
        SandboxState(directory: directory,
                     postgres: .init(host: "127.0.0.1", port: postgresPort, database: "dwh", user: "dwhuser",
                                     directory: directory + "/postgres"),
                     moto: .init(port: motoPort, pid: pid), bucket: "udacity-dend", region: "us-west-2", seed: seed)
    }
}

/// A directory shaped like the bucket, with a few tiny files (one pretty-printed, one without a trailing
/// newline, one non-ASCII), created under the temp directory. The caller removes it.
enum DataFixture {
    static let files: [String: String] = [
        "log_data/2018/11/2018-11-01-events.json": #"{"artist":null,"page":"Home","ts":1541105830796}"#,
        "log_data/2018/11/2018-11-02-events.json": "{\"artist\":\"Bj\\u00f6rk\",\"page\":\"NextSong\"}\n{\"page\":\"Logout\"}\n",
        "song_data/A/A/B/TRAABJV128F1460C49.json": "{\n  \"song_id\": \"SOX\",\n  \"title\": \"Caf\u{e9}\"\n}",
        "log_json_path.json": "{\n    \"jsonpaths\": [\n        \"$['artist']\"\n    ]\n}\n",
    ]

    static func make(_ label: String, files: [String: String] = files) throws -> String {
        let root = FileManager.default.temporaryDirectory.path + "/sparkify-test-data-\(label)-\(UUID().uuidString.prefix(8))"
        for (key, text) in files {
            let path = root + "/" + key
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        }
        return root
    }
}
