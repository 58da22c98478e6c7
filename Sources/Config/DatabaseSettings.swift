import Foundation

/// How to reach the warehouse database. TLS is required for every host that is not loopback.
public struct DatabaseSettings: Sendable, Equatable {
    public var host: String
    public var port: Int
    public var database: String
    public var user: String
    public var password: Secret?
    /// `[CLUSTER] SSLMODE` / `SSLROOTCERT`.
    public var tls: DatabaseTLS

    public init(host: String, port: Int, database: String, user: String, password: Secret?, tls: DatabaseTLS = DatabaseTLS()) {
        self.host = host
        self.port = port
        self.database = database
        self.user = user
        self.password = password
        self.tls = tls
    }

    public var isLoopback: Bool {
        host == "localhost" || host.hasPrefix("127.") || host == "::1" || host.hasPrefix("/")
    }

    /// The libpq `sslmode`: the configured one, else `require` off this machine and `prefer` on loopback
    /// (the sandbox's PostgreSQL, which offers no TLS).
    public var sslMode: DatabaseTLS.Mode { tls.mode ?? (isLoopback ? .prefer : .require) }

    /// `[CLUSTER]` values (DB_* falling back to the `[DWH]` ones), or a message naming the missing key.
    public init(config: DWHConfig) throws(ConfigError) {
        let host = try config.require(config.cluster.host, "CLUSTER", "HOST",
                                      hint: "run `sparkify iac up` (it prints the endpoint) or set the cluster's endpoint")
        self.init(host: host, port: config.databasePort,
                  database: config.cluster.dbName ?? config.provisioning.db,
                  user: config.cluster.dbUser ?? config.provisioning.dbUser,
                  password: config.cluster.dbPassword ?? config.provisioning.dbPassword,
                  tls: try DatabaseTLS(config: config))
        try tls.check(host: self, location: config.file.location("CLUSTER", "SSLMODE"))
    }
}

/// TLS to the database: libpq's `sslmode` and, for `verify-ca` / `verify-full`, the root certificate
/// the server's certificate must chain to (Redshift's CA bundle, say).
public struct DatabaseTLS: Sendable, Equatable {
    /// libpq's `sslmode` values.
    public enum Mode: String, Sendable, CaseIterable {
        case disable, allow, prefer, require
        case verifyCA = "verify-ca"
        case verifyFull = "verify-full"

        /// Whether libpq refuses to talk without TLS in this mode.
        public var requiresTLS: Bool { self == .require || self == .verifyCA || self == .verifyFull }
    }

    /// nil: the default for the host (see ``DatabaseSettings/sslMode``).
    public var mode: Mode?
    /// A PEM file of trusted root certificates (libpq's `sslrootcert`).
    public var rootCertificate: String?

    public init(mode: Mode? = nil, rootCertificate: String? = nil) {
        self.mode = mode
        self.rootCertificate = rootCertificate
    }

    /// `[CLUSTER] SSLMODE` and `SSLROOTCERT`; an unknown mode or a root certificate that is not a readable
    /// file is an error naming the key.
    public init(config: DWHConfig) throws(ConfigError) {
        let file = config.file
        if let text = file["CLUSTER", "SSLMODE"].nonEmpty {
            guard let mode = Mode(rawValue: text.lowercased()) else {
                throw .invalid(location: file.location("CLUSTER", "SSLMODE"), value: text,
                               reason: "use one of \(Mode.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            self.mode = mode
        }
        if let path = file["CLUSTER", "SSLROOTCERT"].nonEmpty {
            guard FileManager.default.isReadableFile(atPath: path) else {
                throw .invalid(location: file.location("CLUSTER", "SSLROOTCERT"), value: path,
                               reason: "no readable file there: give the path of the PEM root certificate the server's certificate chains to")
            }
            rootCertificate = path
        }
    }

    /// TLS is required off this machine: a mode that would talk in the clear to a remote host is refused.
    public func check(host settings: DatabaseSettings, location: String) throws(ConfigError) {
        guard let mode, !mode.requiresTLS, !settings.isLoopback else { return }
        throw .invalid(location: location, value: mode.rawValue,
                       reason: "\(settings.host) is not on this machine and the password must not cross the network in the clear: use require, verify-ca or verify-full")
    }
}

extension DatabaseSettings {
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
