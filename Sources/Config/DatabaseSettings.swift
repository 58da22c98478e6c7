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
}
