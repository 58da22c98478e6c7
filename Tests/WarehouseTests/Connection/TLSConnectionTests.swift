import Config
import TestSupport
import Testing
import Warehouse

/// `[CLUSTER] SSLMODE=verify-full` with `SSLROOTCERT` against a PostgreSQL with a self-signed certificate:
/// the server's certificate is checked against the root and its name against the host.
@Suite struct TLSConnectionTests {
    @Test func verifyFullConnectsOverTLSOnlyToTheCertifiedServer() async throws {
        let server = try await TLSPostgres.start()
        var settings = server.settings
        settings.tls = DatabaseTLS(mode: .verifyFull, rootCertificate: server.rootCertificate)
        let connection = try await Connection.open(settings)
        #expect(try await connection.execute("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()").scalar == "t")
        await connection.close()

        var untrusted = settings
        untrusted.tls.rootCertificate = server.foreignCertificate
        await #expect { try await Connection.open(untrusted) } throws: { error in
            (error as? DatabaseError)?.message.contains("certificate verify failed") == true
        }

        var otherName = settings
        otherName.host = "localhost"
        await #expect { try await Connection.open(otherName) } throws: { error in
            (error as? DatabaseError)?.message.contains("does not match host name \"localhost\"") == true
        }
        await server.stop()
    }
}
