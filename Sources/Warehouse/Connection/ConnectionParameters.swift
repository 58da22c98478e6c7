import Config
import Foundation

/// The libpq keywords for `PQconnectdbParams`, derived from the settings. The password travels here,
/// in memory, and never on a command line or in a connection string that could be logged.
struct ConnectionParameters {
    var keywords: [String]
    var values: [String]

    init(_ settings: DatabaseSettings, applicationName: String, connectTimeoutSeconds: Int) {
        var pairs: [(String, String)] = [
            ("host", settings.host),
            ("port", String(settings.port)),
            ("dbname", settings.database),
            ("user", settings.user),
            // TLS is required off this machine; on loopback (the sandbox's PostgreSQL) it is used when offered.
            ("sslmode", settings.sslMode.rawValue),
            ("application_name", applicationName),
            ("connect_timeout", String(connectTimeoutSeconds)),
            ("client_encoding", "UTF8"),
        ] + Self.keepalives
        if let rootCertificate = settings.tls.rootCertificate {
            pairs.append(("sslrootcert", rootCertificate))
        }
        if let password = settings.password {
            pairs.append(("password", password.reveal()))
        }
        keywords = pairs.map(\.0)
        values = pairs.map(\.1)
    }

    /// TCP keepalives: a COPY that runs for many minutes sends nothing while Redshift works, and a NAT or
    /// firewall in between drops the idle flow; the connection would then hang until the OS gives up
    /// (hours). Probing after 60 s idle, every 10 s, 5 times keeps the flow alive and notices a dead
    /// peer within two minutes.
    static let keepalives = [
        ("keepalives", "1"), ("keepalives_idle", "60"), ("keepalives_interval", "10"), ("keepalives_count", "5"),
    ]

    /// The keywords with the password shown as `<redacted>`, for tests and diagnostics.
    var redacted: [(String, String)] {
        zip(keywords, values).map { $0 == "password" ? ($0, "<redacted>") : ($0, $1) }
    }

    /// Calls `body` with NULL-terminated C arrays of keywords and values, valid only during the call.
    func withCArrays<R>(_ body: (UnsafePointer<UnsafePointer<CChar>?>, UnsafePointer<UnsafePointer<CChar>?>) -> R) -> R {
        let keywordStrings = keywords.map { strdup($0) }
        let valueStrings = values.map { strdup($0) }
        defer {
            keywordStrings.forEach { free($0) }
            // Wipe the password's copy before giving the memory back.
            for value in valueStrings { if let value { memset(value, 0, strlen(value)) }; free(value) }
        }
        let keywordArray = keywordStrings.map { UnsafePointer($0) } + [nil]
        let valueArray = valueStrings.map { UnsafePointer($0) } + [nil]
        return keywordArray.withUnsafeBufferPointer { k in
            valueArray.withUnsafeBufferPointer { v in body(k.baseAddress!, v.baseAddress!) }
        }
    }
}
