import AWS
import Config
import Foundation
import Synchronization
import Testing
import TestSupport
@testable import Sandbox

@Suite struct SandboxControlTests {
    @Test func upStatusUpAgainDown() async throws {
        let data = try DataFixture.make("cycle")
        defer { try? FileManager.default.removeItem(atPath: data) }
        try await withStateDirectory("cycle") { control in
            let events = Mutex<[SandboxControl.Event]>([])
            let record: @Sendable (SandboxControl.Event) -> Void = { event in events.withLock { $0.append(event) } }
            let request = SandboxRequest(data: .directory(data), dataExplicit: true)

            let first = try await control.up(request, events: record)
            #expect(!first.reused)
            let state = first.state
            #expect(state.seed?.files == 4)
            #expect(state.seed?.source == "directory \(data)")
            let status = try control.status()
            #expect(status.running)
            #expect(try SandboxState.load(control.paths.state) == state)

            // The bucket holds exactly the directory's files, byte for byte.
            let s3 = S3Client(client: AWSClient(settings: state.awsSettings))
            var keys: [String] = []
            for try await object in s3.listObjects(bucket: "udacity-dend") { keys.append(object.key) }
            #expect(keys.sorted() == DataFixture.files.keys.sorted())
            for (key, text) in DataFixture.files {
                let body = try await s3.getObject(bucket: "udacity-dend", key: key).body.collect()
                #expect(body == Data(text.utf8), "s3://udacity-dend/\(key)")
            }

            // The profile reaches the database; the password is nowhere in what is printed.
            let config = try DWHConfig.load(path: state.profile)
            let settings = try DatabaseSettings(config: config)
            #expect(try psql(settings) == "dwh dwhuser\n")
            let password = try state.password().reveal()
            #expect(password.count == 24)
            #expect(!status.json.contains(password))
            #expect(!status.lines.joined().contains(password))
            #expect(!"\(events.withLock { $0 })".contains(password))
            for path in [control.paths.profile, control.paths.passwordFile, control.paths.stateFile] {
                #expect(try mode(path) == 0o600, "\(path)")
            }

            // Again: reused, whether the data is named or not.
            let again = try await control.up(SandboxRequest())
            #expect(again.reused)
            #expect(again.state == state)
            #expect(try await control.up(request).reused)

            // Down leaves nothing running and the ports free.
            #expect(try await control.down())
            try expectStopped(state, control)
            #expect(try await control.down() == false)

            // Up after down: the same ports, the same database, a reseeded bucket.
            let revived = try await control.up(request)
            #expect(!revived.reused)
            #expect(revived.state.postgres.port == state.postgres.port)
            #expect(revived.state.moto.port == state.moto.port)
            #expect(try psql(settings) == "dwh dwhuser\n")
            let revivedS3 = S3Client(client: AWSClient(settings: revived.state.awsSettings))
            let paths = try await revivedS3.getObject(bucket: "udacity-dend", key: "log_json_path.json").body.collect()
            #expect(paths == Data(DataFixture.files["log_json_path.json"]!.utf8))
            #expect(try await control.down())
            try expectStopped(revived.state, control)
        }
    }

    @Test func generatedDataIsTheDefault() async throws {
        try await withStateDirectory("generated") { control in
            let outcome = try await control.up(SandboxRequest(data: .generated(scale: 0.01, seed: 7), dataExplicit: true))
            let generator = try DataGenerator(scale: 0.01, seed: 7)
            #expect(outcome.state.seed?.files == generator.fileCount)
            #expect(outcome.state.seed?.source == "generated, scale 0.01, seed 7")
            let s3 = S3Client(client: AWSClient(settings: outcome.state.awsSettings))
            var count = 0
            for try await _ in s3.listObjects(bucket: "udacity-dend") { count += 1 }
            #expect(count == generator.fileCount)
            let first = try #require(Array(generator.files().prefix(2)).last)  // the first day's log
            let body = try await s3.getObject(bucket: "udacity-dend", key: first.relativePath).body.collect()
            #expect(body == Data(first.bytes))
            #expect(try await control.down())
        }
    }

    @Test func aDataDirectoryWithoutLogDataStartsNothing() async throws {
        let data = try DataFixture.make("nolog", files: ["song_data/A/x.json": "{}"])
        defer { try? FileManager.default.removeItem(atPath: data) }
        try await withStateDirectory("nolog") { control in
            await #expect {
                try await control.up(SandboxRequest(data: .directory(data), dataExplicit: true))
            } throws: { error in
                guard case SandboxError.badDataDirectory = error else { return false }
                return (error as! SandboxError).isUsageError
            }
            try expectNothingStarted(control)
        }
    }

    @Test func missingProgramsSayHowToInstallThemAndStartNothing() async throws {
        let data = try DataFixture.make("tools")
        defer { try? FileManager.default.removeItem(atPath: data) }
        let request = SandboxRequest(data: .directory(data), dataExplicit: true)
        try await withStateDirectory("nopg", tools: .init(postgresRoot: "/nonexistent/postgresql")) { control in
            await #expect {
                try await control.up(request)
            } throws: { error in
                (error as? SandboxError)?.description == "PostgreSQL server binaries (initdb, pg_ctl) not found in "
                    + "/nonexistent/postgresql/*/bin. Install them: `apt-get install postgresql`."
            }
            try expectNothingStarted(control)
        }
        try await withStateDirectory("nomoto", tools: .init(path: "/nonexistent/bin")) { control in
            await #expect {
                try await control.up(request)
            } throws: { error in
                (error as? SandboxError)?.description == "moto_server not found on PATH. Install it: `pip install 'moto[server]'`."
            }
            try expectNothingStarted(control)
        }
    }

    @Test func aBusyPortStartsNothing() async throws {
        let data = try DataFixture.make("busy")
        defer { try? FileManager.default.removeItem(atPath: data) }
        let busy = try LoopbackPort.free()
        let listener = try Listener(port: busy)
        defer { listener.close() }
        try await withStateDirectory("busy") { control in
            await #expect {
                try await control.up(SandboxRequest(data: .directory(data), dataExplicit: true, motoPort: busy))
            } throws: { error in
                guard case SandboxError.portBusy(busy, "moto_server", _) = error else { return false }
                return (error as! SandboxError).isUsageError
            }
            try expectNothingStarted(control)
        }
    }

    @Test func aFailedSeedingStopsWhatItStarted() async throws {
        let data = try DataFixture.make("failing")
        defer { try? FileManager.default.removeItem(atPath: data) }
        let (pgPort, motoPort) = (try LoopbackPort.free(), try LoopbackPort.free())
        try await withStateDirectory("failing", store: { _ in MemoryStore(failing: "log_json_path.json") }) { control in
            await #expect {
                try await control.up(SandboxRequest(data: .directory(data), dataExplicit: true,
                                                    postgresPort: pgPort, motoPort: motoPort))
            } throws: { error in
                guard case SandboxError.seeding(let key, _) = error else { return false }
                return key == "s3://udacity-dend/log_json_path.json"
            }
            #expect(LoopbackPort.isFree(pgPort))
            #expect(LoopbackPort.isFree(motoPort))
            #expect(PostgresServer.runningPostmaster(directory: control.paths.state + "/postgres") == nil)
            let status = try control.status()
            #expect(!status.running)
        }
    }

    // MARK: helpers

    /// Runs `body` with a sandbox in a fresh state directory; always brings it down and removes the
    /// directory afterwards.
    private func withStateDirectory(
        _ label: String, tools: SandboxControl.Tools = .init(),
        store: (@Sendable (AWSSettings) -> any ObjectStore)? = nil,
        _ body: (SandboxControl) async throws -> Void
    ) async throws {
        let state = try TemporaryDirectory.make("state-\(label)")
        let control = SandboxControl(state: state, tools: tools,
                                     makeStore: store ?? { S3Client(client: AWSClient(settings: $0)) })
        do {
            try await body(control)
        } catch {
            _ = try? await SandboxControl(state: state).down()
            try? FileManager.default.removeItem(atPath: state)
            throw error
        }
        _ = try? await SandboxControl(state: state).down()
        try? FileManager.default.removeItem(atPath: state)
    }

    private func expectStopped(_ state: SandboxState, _ control: SandboxControl) throws {
        #expect(!Subprocess.isAlive(state.moto.pid))
        #expect(PostgresServer.runningPostmaster(directory: state.postgres.directory) == nil)
        #expect(LoopbackPort.isFree(state.postgres.port))
        #expect(LoopbackPort.isFree(state.moto.port))
        #expect(try control.status().running == false)
    }

    private func expectNothingStarted(_ control: SandboxControl) throws {
        #expect(try SandboxState.load(control.paths.state) == nil)
        #expect(PostgresServer.runningPostmaster(directory: control.paths.state + "/postgres") == nil)
    }

    private func mode(_ path: String) throws -> Int {
        try (FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as! NSNumber).intValue
    }

    /// `SELECT current_database(), current_user` through psql over TCP with these settings.
    private func psql(_ settings: DatabaseSettings) throws -> String {
        try PSQL.query("SELECT current_database(), current_user", settings)
    }
}
