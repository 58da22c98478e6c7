import AWS
import Foundation
import Sandbox
import Testing
import TestSupport

/// `sparkify sandbox up|status|down` as scripts run them: exit codes, the JSON contract, the seeded bytes.
@Suite struct SandboxCommandTests {
    /// The sample data set goes into the bucket exactly: the same 1,974 keys, the same bytes.
    @Test func upStoresTheSampleDataByteForByteAndDownStopsEverything() async throws {
        guard let sample = SharedFixtures.directory("data/udacity-sample") else { return }
        let runner = try SparkifyRunner(environment: [:])
        defer { runner.remove() }
        let state = runner.directory + "/state"

        let up = try await runner.run(["sandbox", "up", "--data", sample.path, "--state", state, "--json"])
        #expect(up.status == 0, "\(up.stderr)")
        #expect(up.stderr.contains("sandbox: seeded 1,974/1,974 files"))
        let status = try await runner.run(["sandbox", "status", "--state", state, "--json"])
        #expect(status.status == 0)
        #expect(status.lines == up.lines)
        let loaded = try #require(try SandboxState.load(state))
        #expect(status.lines == [#"{"running": true, "aws_endpoint": "\#(loaded.endpoint)", "bucket": "udacity-dend", "#
            + #""postgres": {"host": "127.0.0.1", "port": \#(loaded.postgres.port), "database": "dwh", "user": "dwhuser"}, "#
            + #""config": "\#(state)/profile.cfg"}"#])

        do {
            let files = try Self.files(under: sample.path)
            #expect(files.count == 1_974)
            let s3 = S3Client(client: AWSClient(settings: loaded.awsSettings))
            var keys: [String] = []
            for try await object in s3.listObjects(bucket: "udacity-dend") { keys.append(object.key) }
            #expect(keys.sorted() == files.keys.sorted())
            try await withThrowingTaskGroup(of: String?.self) { group in
                for slice in files.sorted(by: { $0.key < $1.key }).chunked(into: 8) {
                    group.addTask {
                        for (key, path) in slice {
                            let body = try await s3.getObject(bucket: "udacity-dend", key: key).body.collect()
                            if body != FileManager.default.contents(atPath: path) { return key }
                        }
                        return nil
                    }
                }
                for try await mismatch in group { #expect(mismatch == nil, "differs: \(mismatch ?? "")") }
            }
        } catch {
            Issue.record(error)
        }

        let down = try await runner.run(["sandbox", "down", "--state", state])
        #expect(down.status == 0, "\(down.stderr)")
        #expect(down.lines == ["sandbox: stopped"])
        #expect(!LoopbackPort.isListening(loaded.postgres.port))
        #expect(!LoopbackPort.isListening(loaded.moto.port))
        #expect(!MotoServer.isRunning(pid: loaded.moto.pid, port: loaded.moto.port))
        #expect(PostgresServer.runningPostmaster(directory: loaded.postgres.directory) == nil)
        let after = try await runner.run(["sandbox", "status", "--state", state, "--json"])
        #expect(after.lines.first?.hasPrefix(#"{"running": false, "#) == true)
    }

    @Test func aDataDirectoryWithoutLogDataIsAUsageError() async throws {
        let runner = try SparkifyRunner(environment: [:])
        defer { runner.remove() }
        let data = runner.directory + "/data"
        try FileManager.default.createDirectory(atPath: data + "/song_data", withIntermediateDirectories: true)
        let run = try await runner.run(["sandbox", "up", "--data", data, "--state", runner.directory + "/state"])
        #expect(run.status == 2)
        #expect(run.stdout == "")
        #expect(run.stderr == "sparkify: --data \(data): it has no log_data/ directory. Pass the directory that holds "
                + "log_data/, song_data/ and log_json_path.json (the bucket's layout).\n")
        #expect(try SandboxState.load(runner.directory + "/state") == nil)
    }

    @Test func aMissingMotoServerIsAUsageErrorWithTheFix() async throws {
        var runner = try SparkifyRunner(environment: [:])
        defer { runner.remove() }
        runner.environment["PATH"] = runner.directory  // holds no moto_server
        let data = runner.directory + "/data"
        try FileManager.default.createDirectory(atPath: data + "/log_data", withIntermediateDirectories: true)
        let run = try await runner.run(["sandbox", "up", "--data", data, "--state", runner.directory + "/state"])
        #expect(run.status == 2)
        #expect(run.stderr == "sparkify: moto_server not found on PATH. Install it: `pip install 'moto[server]'`.\n")
        #expect(try SandboxState.load(runner.directory + "/state") == nil)
    }

    @Test func aBusyPortIsAUsageErrorAndStartsNothing() async throws {
        let runner = try SparkifyRunner(environment: [:])
        defer { runner.remove() }
        let data = runner.directory + "/data"
        try FileManager.default.createDirectory(atPath: data + "/log_data", withIntermediateDirectories: true)
        let busy = try await TestServers.postgres().port  // something surely listens there
        let run = try await runner.run(["sandbox", "up", "--data", data, "--pg-port", String(busy),
                                        "--state", runner.directory + "/state"])
        #expect(run.status == 2)
        #expect(run.stderr == "sparkify: port \(busy) on 127.0.0.1 (for PostgreSQL) is already in use. "
                + "Choose another --pg-port, or stop what holds it.\n")
        #expect(PostgresServer.runningPostmaster(directory: runner.directory + "/state/postgres") == nil)
    }

    @Test func conflictingOptionsAreUsageErrors() async throws {
        let runner = try SparkifyRunner(environment: [:])
        defer { runner.remove() }
        let run = try await runner.run(["sandbox", "up", "--data", "/x", "--scale", "2", "--state", runner.directory])
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("Error: --data uploads a directory as it is: it takes no --scale or --seed\nUsage: sparkify sandbox up "))
        let port = try await runner.run(["sandbox", "up", "--pg-port", "70000", "--state", runner.directory])
        #expect(port.status == 2)
        #expect(port.stderr.hasPrefix("Error: --pg-port must be a port, 1-65535\nUsage: sparkify sandbox up "))
    }

    @Test func statusOfANeverStartedSandbox() async throws {
        let runner = try SparkifyRunner(environment: [:])
        defer { runner.remove() }
        let json = try await runner.run(["sandbox", "status", "--state", runner.directory + "/none", "--json"])
        #expect(json.status == 0)
        #expect(json.lines == [#"{"running": false}"#])
        let text = try await runner.run(["sandbox", "status", "--state", runner.directory + "/none"])
        #expect(text.lines == ["sandbox: not set up (run `sparkify sandbox up`)"])
        let down = try await runner.run(["sandbox", "down", "--state", runner.directory + "/none"])
        #expect(down.status == 0)
        #expect(down.lines == ["sandbox: not running"])
    }

    /// Key (relative path) → absolute path of every regular file under `root`.
    static func files(under root: String) throws -> [String: String] {
        var files: [String: String] = [:]
        let walk = FileManager.default.enumerator(atPath: root)
        while let relative = walk?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: root + "/" + relative, isDirectory: &isDirectory), !isDirectory.boolValue {
                files[relative] = root + "/" + relative
            }
        }
        return files
    }
}
