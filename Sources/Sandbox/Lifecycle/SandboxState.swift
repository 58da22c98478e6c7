import Config
import Foundation

/// What a running sandbox is: where PostgreSQL and moto_server listen, what the bucket was seeded with,
/// where the profile config is. Saved as `sandbox.json` in the state directory; the password is not in
/// it (see ``SandboxPaths/passwordFile``).
///
/// The emulated Redshift (moto) reports made-up cluster endpoints. In the sandbox every such endpoint
/// stands for the private PostgreSQL: ``clusterDatabase()`` gives the settings to connect to instead.
public struct SandboxState: Codable, Sendable, Equatable {
    public struct Postgres: Codable, Sendable, Equatable {
        public var host: String
        public var port: Int
        public var database: String
        public var user: String
        /// The cluster's directory.
        public var directory: String
    }

    public struct Moto: Codable, Sendable, Equatable {
        public var port: Int
        /// Its process (group) id.
        public var pid: Int32
    }

    /// What the bucket holds.
    public struct Seed: Codable, Sendable, Equatable {
        /// "generated, scale 1, seed 2018" or "directory /abs/path".
        public var source: String
        public var files: Int
        public var bytes: Int
        public var at: Date
    }

    /// The state directory this was loaded from.
    public var directory: String
    public var postgres: Postgres
    public var moto: Moto
    public var bucket: String
    public var region: String
    public var seed: Seed?

    public var paths: SandboxPaths { SandboxPaths(state: directory) }
    /// `http://127.0.0.1:PORT`: every AWS service of the sandbox.
    public var endpoint: String { "http://127.0.0.1:\(moto.port)" }
    /// The profile config (a complete dwh.cfg).
    public var profile: String { paths.profile }

    /// The sandbox's state in `directory`, or nil when no sandbox was ever brought up there.
    public static func load(_ directory: String) throws(SandboxError) -> SandboxState? {
        let paths = SandboxPaths(state: directory)
        guard let data = FileManager.default.contents(atPath: paths.stateFile) else { return nil }
        do {
            var state = try JSONDecoder.sandbox.decode(SandboxState.self, from: data)
            state.directory = paths.state
            return state
        } catch {
            throw .state(path: paths.stateFile, reason: "unreadable (\(error)); run `sparkify sandbox down` and remove it")
        }
    }

    /// The database password, from its 0600 file.
    public func password() throws(SandboxError) -> Secret {
        try Self.readPassword(paths.passwordFile)
    }

    /// How to reach the private PostgreSQL — also what any cluster endpoint the emulated Redshift
    /// reports maps to.
    public func clusterDatabase() throws(SandboxError) -> DatabaseSettings {
        DatabaseSettings(host: postgres.host, port: postgres.port, database: postgres.database,
                         user: postgres.user, password: try password())
    }

    /// moto's endpoint with its dummy credentials.
    public var awsSettings: AWSSettings {
        AWSSettings(credentials: Self.motoCredentials, region: region, endpoint: endpoint)
    }

    static let motoCredentials = AWSCredentials(accessKeyID: "testing", secretAccessKey: Secret("testing"),
                                                source: "sandbox")

    func save() throws(SandboxError) {
        let data: Data
        do { data = try JSONEncoder.sandbox.encode(self) } catch {
            throw .state(path: paths.stateFile, reason: "cannot encode: \(error)")
        }
        try PrivateFile.write(String(decoding: data, as: UTF8.self) + "\n", to: paths.stateFile)
    }

    static func readPassword(_ path: String) throws(SandboxError) -> Secret {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8),
              let line = text.split(separator: "\n").first, !line.isEmpty else {
            throw .state(path: path, reason: "the database password file is missing; remove the state directory to start afresh")
        }
        return Secret(String(line))
    }
}

extension JSONEncoder {
    static var sandbox: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }
}

extension JSONDecoder {
    static var sandbox: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}
