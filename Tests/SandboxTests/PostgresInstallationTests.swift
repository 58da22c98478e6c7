import Config
import Testing
@testable import Sandbox

@Suite struct PostgresInstallationTests {
    @Test func newestVersionIsChosenNumerically() {
        #expect(PostgresInstallation.newest(of: ["9.6", "15", "10", "13"]) == "15")
        #expect(PostgresInstallation.newest(of: ["9.6", "9.10"]) == "9.10")
        #expect(PostgresInstallation.newest(of: []) == nil)
    }

    @Test func missingBinariesSayHowToInstallThem() {
        #expect(throws: SandboxError.self) { try PostgresInstallation.find(root: "/nonexistent/postgresql") }
        let error = SandboxError.postgresMissing(searched: "/nonexistent/postgresql/*/bin")
        #expect(error.description == "PostgreSQL server binaries (initdb, pg_ctl) not found in "
                + "/nonexistent/postgresql/*/bin. Install them: `apt-get install postgresql`.")
        #expect(error.isUsageError)
    }

    @Test func serverOptionsKeepItOnLoopbackAndQuoteTheSocketDirectory() {
        let configuration = PostgresServer.Configuration(directory: "/x", port: 5433, user: "u", database: "d",
                                                         password: Secret("p"), durable: false)
        #expect(PostgresServer.serverOptions(configuration, socketDirectory: "/tmp/it's here") ==
            "-p 5433 -k '/tmp/it'\\''s here' -c listen_addresses=127.0.0.1 -c wal_level=minimal -c max_wal_senders=0 -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off")
    }

    @Test func theSandboxServerIsTunedForLoadingButKeepsFsync() {
        let configuration = PostgresServer.Configuration(directory: "/x", port: 5433, user: "u", database: "d",
                                                         password: Secret("p"))
        #expect(PostgresServer.serverOptions(configuration, socketDirectory: "/x/run") ==
            "-p 5433 -k '/x/run' -c listen_addresses=127.0.0.1 -c wal_level=minimal -c max_wal_senders=0 -c max_connections=300")
    }
}
