import Foundation

/// The team's `dwh.cfg`, typed. Every field is optional where the notebook's file may omit it; commands
/// ask for what they need with the `require…` helpers, which name the missing key and what to do.
public struct DWHConfig: Sendable {
    public struct Cluster: Sendable {
        public var host: String?
        public var dbName: String?
        public var dbUser: String?
        public var dbPassword: Secret?
        public var dbPort: Int?
    }

    /// `[DWH]`: what step 2 creates.
    public struct Provisioning: Sendable {
        public var clusterType = "multi-node"
        public var numNodes = 4
        public var nodeType = "dc2.large"
        public var iamRoleName = "dwhRole"
        public var clusterIdentifier = "dwhCluster"
        public var db = "dwh"
        public var dbUser = "dwhuser"
        public var dbPassword: Secret?
        public var port = 5439
        /// `DWH_IAM_RETRY_SECONDS`: how long `iac` retries errors that only mean IAM has not caught up yet.
        public var iamRetrySeconds = 120
    }

    /// `[S3]`: where staging reads from.
    public struct Sources: Sendable {
        public var logData: DataLocation?
        public var logJSONPath: DataLocation?
        public var songData: DataLocation?
        /// `MANIFEST_PREFIX`: where incremental runs on Redshift write their COPY manifests.
        public var manifestPrefix: ManifestPrefix?
    }

    public var cluster = Cluster()
    public var provisioning = Provisioning()
    public var sources = Sources()
    public var iamRoleARN: String?
    /// `[AWS] KEY` / `SECRET` / `TOKEN`: the least preferred credential source.
    public var awsKey: String?
    public var awsSecret: Secret?
    public var awsToken: Secret?
    /// `[AWS] ENDPOINT`: every service at one emulator (the sandbox's moto_server).
    public var awsEndpoint: String?
    public var awsRegion: String?
    /// `[SANDBOX] STATE`: set in a sandbox profile; the state directory that owns this target.
    public var sandboxState: String?

    /// The parsed file, for messages that point at a line.
    public let file: INIFile

    public init(file: INIFile = INIFile()) throws(ConfigError) {
        self.file = file
        cluster.host = file["CLUSTER", "HOST"].nonEmpty
        cluster.dbName = file["CLUSTER", "DB_NAME"].nonEmpty
        cluster.dbUser = file["CLUSTER", "DB_USER"].nonEmpty
        cluster.dbPassword = file["CLUSTER", "DB_PASSWORD"].nonEmpty.map(Secret.init)
        cluster.dbPort = try int("CLUSTER", "DB_PORT")

        if let v = file["DWH", "DWH_CLUSTER_TYPE"].nonEmpty { provisioning.clusterType = v }
        if let v = try int("DWH", "DWH_NUM_NODES") { provisioning.numNodes = v }
        if let v = file["DWH", "DWH_NODE_TYPE"].nonEmpty { provisioning.nodeType = v }
        if let v = file["DWH", "DWH_IAM_ROLE_NAME"].nonEmpty { provisioning.iamRoleName = v }
        if let v = file["DWH", "DWH_CLUSTER_IDENTIFIER"].nonEmpty { provisioning.clusterIdentifier = v }
        if let v = file["DWH", "DWH_DB"].nonEmpty { provisioning.db = v }
        if let v = file["DWH", "DWH_DB_USER"].nonEmpty { provisioning.dbUser = v }
        provisioning.dbPassword = file["DWH", "DWH_DB_PASSWORD"].nonEmpty.map(Secret.init)
        if let v = try int("DWH", "DWH_PORT") { provisioning.port = v }
        if let v = try int("DWH", "DWH_IAM_RETRY_SECONDS") { provisioning.iamRetrySeconds = v }

        sources.logData = try location("S3", "LOG_DATA")
        sources.logJSONPath = try location("S3", "LOG_JSONPATH")
        sources.songData = try location("S3", "SONG_DATA")
        sources.manifestPrefix = try manifestPrefix()

        iamRoleARN = file["IAM_ROLE", "ARN"].nonEmpty
        awsKey = file["AWS", "KEY"].nonEmpty
        awsSecret = file["AWS", "SECRET"].nonEmpty.map(Secret.init)
        awsToken = file["AWS", "TOKEN"].nonEmpty.map(Secret.init)
        awsEndpoint = file["AWS", "ENDPOINT"].nonEmpty
        awsRegion = file["AWS", "REGION"].nonEmpty
        sandboxState = file["SANDBOX", "STATE"].nonEmpty
        if let endpoint = awsEndpoint, URL(string: endpoint)?.scheme?.hasPrefix("http") != true {
            throw .invalid(location: file.location("AWS", "ENDPOINT"), value: endpoint,
                           reason: "expected an http(s):// URL such as http://127.0.0.1:5000")
        }
    }

    /// Reads and parses a config file.
    public static func load(path: String) throws(ConfigError) -> DWHConfig {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw .unreadable(path: path, reason: "is a directory: pass the config file itself, e.g. --config \(path)/dwh.cfg")
        }
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw .unreadable(path: path, reason: FileManager.default.fileExists(atPath: path)
                ? "not readable UTF-8 text" : "no such file (pass --config FILE or run `sparkify sandbox up`)")
        }
        return try DWHConfig(file: INIFile(parsing: text, source: path))
    }

    /// A warning when a file holding secrets can be read by other users, else nil.
    public static func permissionWarning(path: String, config: DWHConfig) -> String? {
        let holdsSecrets = config.awsSecret != nil || config.cluster.dbPassword != nil
            || config.provisioning.dbPassword != nil
        guard holdsSecrets,
              let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue,
              mode & 0o044 != 0 else { return nil }
        return "\(path) holds secrets and is readable by other users (mode \(String(mode, radix: 8))): run `chmod 600 \(path)`"
    }

    /// The database port: `[CLUSTER] DB_PORT`, else `[DWH] DWH_PORT`.
    public var databasePort: Int { cluster.dbPort ?? provisioning.port }

    public func require<T>(_ value: T?, _ section: String, _ key: String, hint: String) throws(ConfigError) -> T {
        guard let value else { throw .missing(location: file.location(section, key), hint: hint) }
        return value
    }

    private func int(_ section: String, _ key: String) throws(ConfigError) -> Int? {
        guard let text = file[section, key].nonEmpty else { return nil }
        guard let value = Int(text), value >= 0 else {
            throw .invalid(location: file.location(section, key), value: text, reason: "expected a whole number")
        }
        return value
    }

    private func location(_ section: String, _ key: String) throws(ConfigError) -> DataLocation? {
        guard let text = file[section, key].nonEmpty else { return nil }
        return try DataLocation(parsing: text, location: file.location(section, key))
    }
}

extension Optional where Wrapped == String {
    var nonEmpty: String? {
        guard let self, !self.isEmpty else { return nil }
        return self
    }
}
