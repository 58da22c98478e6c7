import Foundation
import Testing
import Config

@Suite struct DatabaseTLSTests {
    static func config(_ cluster: String, host: String = "dwhcluster.abc.us-west-2.redshift.amazonaws.com") throws -> DWHConfig {
        try DWHConfig(file: INIFile(parsing: """
            [CLUSTER]
            HOST=\(host)
            \(cluster)
            """, source: "dwh.cfg"))
    }

    @Test func withoutSSLModeRemoteHostsRequireTLSAndLoopbackPrefersIt() throws {
        #expect(try DatabaseSettings(config: Self.config("")).sslMode == .require)
        #expect(try DatabaseSettings(config: Self.config("", host: "127.0.0.1")).sslMode == .prefer)
    }

    @Test func verifyFullWithARootCertificateFile() throws {
        let settings = try DatabaseSettings(config: Self.config("SSLMODE=verify-full\nSSLROOTCERT=/etc/hostname"))
        #expect(settings.tls == DatabaseTLS(mode: .verifyFull, rootCertificate: "/etc/hostname"))
        #expect(settings.sslMode == .verifyFull)
    }

    @Test func anUnknownModeNamesTheKeyAndTheChoices() throws {
        #expect(throws: ConfigError.invalid(location: "dwh.cfg line 3 ([CLUSTER] SSLMODE)", value: "strict",
                                            reason: "use one of disable, allow, prefer, require, verify-ca, verify-full")) {
            try DatabaseSettings(config: Self.config("SSLMODE=strict"))
        }
    }

    @Test func aRootCertificateThatIsNotThereIsAnError() throws {
        #expect(throws: ConfigError.invalid(
            location: "dwh.cfg line 3 ([CLUSTER] SSLROOTCERT)", value: "/nonexistent/root.crt",
            reason: "no readable file there: give the path of the PEM root certificate the server's certificate chains to")) {
            try DatabaseSettings(config: Self.config("SSLROOTCERT=/nonexistent/root.crt"))
        }
    }

    @Test func plainTextToARemoteHostIsRefusedButAllowedOnLoopback() throws {
        #expect(throws: ConfigError.invalid(
            location: "dwh.cfg line 3 ([CLUSTER] SSLMODE)", value: "disable",
            reason: "dwhcluster.abc.us-west-2.redshift.amazonaws.com is not on this machine and the password must not cross the network in the clear: use require, verify-ca or verify-full")) {
            try DatabaseSettings(config: Self.config("SSLMODE=disable"))
        }
        #expect(try DatabaseSettings(config: Self.config("SSLMODE=disable", host: "127.0.0.1")).sslMode == .disable)
    }

    @Test func s3RegionIsOptionalAndMustLookLikeARegion() throws {
        let none = try DWHConfig(file: INIFile(parsing: "[S3]\nLOG_DATA=s3://udacity-dend/log_data", source: "dwh.cfg"))
        #expect(try none.s3Region() == nil)
        let set = try DWHConfig(file: INIFile(parsing: "[S3]\nREGION='us-west-2'", source: "dwh.cfg"))
        #expect(try set.s3Region() == "us-west-2")
        let wrong = try DWHConfig(file: INIFile(parsing: "[S3]\nREGION=Oregon", source: "dwh.cfg"))
        #expect(throws: ConfigError.invalid(location: "dwh.cfg line 2 ([S3] REGION)", value: "Oregon",
                                            reason: "expected the bucket's AWS region, such as us-west-2")) {
            try wrong.s3Region()
        }
    }
}
