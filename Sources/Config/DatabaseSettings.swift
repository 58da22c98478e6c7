/// How to reach the warehouse database. TLS is required for every host that is not loopback.
public struct DatabaseSettings: Sendable, Equatable {
    public var host: String
    public var port: Int
    public var database: String
    public var user: String
    public var password: Secret?

    public init(host: String, port: Int, database: String, user: String, password: Secret?) {
        self.host = host
        self.port = port
        self.database = database
        self.user = user
        self.password = password
    }

    public var isLoopback: Bool {
        host == "localhost" || host.hasPrefix("127.") || host == "::1" || host.hasPrefix("/")
    }

    /// `[CLUSTER]` values (DB_* falling back to the `[DWH]` ones), or a message naming the missing key.
    public init(config: DWHConfig) throws(ConfigError) {
        let host = try config.require(config.cluster.host, "CLUSTER", "HOST",
                                      hint: "run `sparkify iac up` (it prints the endpoint) or set the cluster's endpoint")
        self.init(host: host, port: config.databasePort,
                  database: config.cluster.dbName ?? config.provisioning.db,
                  user: config.cluster.dbUser ?? config.provisioning.dbUser,
                  password: config.cluster.dbPassword ?? config.provisioning.dbPassword)
    }

    /// The configured database: nil while `[CLUSTER]` names no HOST (steps 1–3 will give a cluster one).
    /// Without a `[CLUSTER]` section and without AWS to create a cluster, no command that needs the
    /// database can ever run: that is a config error naming the file and section, not a step failure.
    public static func configured(in config: DWHConfig, canProvision: Bool) throws(ConfigError) -> DatabaseSettings? {
        if config.cluster.host != nil { return try DatabaseSettings(config: config) }
        if !canProvision, config.file.sections["CLUSTER"] == nil {
            throw .missingSection(source: config.file.source, section: "CLUSTER",
                                  hint: "add [CLUSTER] with HOST, DB_NAME, DB_USER, DB_PASSWORD and DB_PORT, "
                                      + "or AWS credentials so `sparkify iac up` can create a cluster")
        }
        return nil
    }
}
