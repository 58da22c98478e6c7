import Config
import Testing
@testable import Warehouse

@Suite struct ConnectionParametersTests {
    @Test func remoteHostsRequireTLSKeepTheConnectionAliveAndThePasswordIsAKeyword() {
        let settings = DatabaseSettings(host: "dwhcluster.abc.us-west-2.redshift.amazonaws.com", port: 5439,
                                        database: "dwh", user: "dwhuser", password: Secret("Passw0rd"))
        let parameters = ConnectionParameters(settings, applicationName: "sparkify", connectTimeoutSeconds: 10)
        #expect(parameters.redacted.map { "\($0)=\($1)" } == [
            "host=dwhcluster.abc.us-west-2.redshift.amazonaws.com", "port=5439", "dbname=dwh", "user=dwhuser",
            "sslmode=require", "application_name=sparkify", "connect_timeout=10", "client_encoding=UTF8",
            "keepalives=1", "keepalives_idle=60", "keepalives_interval=10", "keepalives_count=5",
            "password=<redacted>",
        ])
        #expect(parameters.values.last == "Passw0rd")
    }

    @Test(arguments: ["127.0.0.1", "localhost", "::1", "/tmp/sockets"])
    func loopbackPrefersTLS(host: String) {
        let settings = DatabaseSettings(host: host, port: 5432, database: "d", user: "u", password: nil)
        let parameters = ConnectionParameters(settings, applicationName: "a", connectTimeoutSeconds: 1)
        #expect(parameters.redacted.first { $0.0 == "sslmode" }?.1 == "prefer")
        #expect(parameters.redacted.first { $0.0 == "keepalives" }?.1 == "1")
        #expect(!parameters.keywords.contains("password"))
    }

    @Test func verifyFullWithARootCertificate() {
        let settings = DatabaseSettings(host: "dwhcluster.abc.us-west-2.redshift.amazonaws.com", port: 5439,
                                        database: "dwh", user: "dwhuser", password: nil,
                                        tls: DatabaseTLS(mode: .verifyFull, rootCertificate: "/etc/ssl/redshift-ca-bundle.crt"))
        let parameters = ConnectionParameters(settings, applicationName: "a", connectTimeoutSeconds: 1)
        #expect(parameters.redacted.filter { $0.0.hasPrefix("ssl") }.map { "\($0)=\($1)" } == [
            "sslmode=verify-full", "sslrootcert=/etc/ssl/redshift-ca-bundle.crt",
        ])
    }

    @Test func dialectFromVersion() {
        #expect(Dialect(versionString: "PostgreSQL 8.0.2 on i686-pc-linux-gnu, compiled by GCC gcc (GCC) 3.4.2 20041017 (Red Hat 3.4.2-6.fc3), Redshift 1.0.77467") == .redshift)
        #expect(Dialect(versionString: "PostgreSQL 15.8 (Debian 15.8-0+deb12u1) on x86_64-pc-linux-gnu") == .postgres)
    }
}
