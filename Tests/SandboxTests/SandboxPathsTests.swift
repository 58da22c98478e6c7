import Testing
@testable import Sandbox

@Suite struct SandboxPathsTests {
    @Test func theDefaultStateDirectoryFollowsXDG() {
        #expect(SandboxPaths.defaultState(environment: ["XDG_STATE_HOME": "/x/state"], home: "/home/u")
                == "/x/state/sparkify")
        #expect(SandboxPaths.defaultState(environment: [:], home: "/home/u") == "/home/u/.local/state/sparkify")
        #expect(SandboxPaths.defaultState(environment: ["XDG_STATE_HOME": "relative"], home: "/home/u")
                == "/home/u/.local/state/sparkify")
    }

    @Test func filesLiveInTheStateDirectory() {
        let paths = SandboxPaths(state: "/s")
        #expect([paths.stateFile, paths.passwordFile, paths.profile, paths.motoLog]
                == ["/s/sandbox.json", "/s/postgres.password", "/s/profile.cfg", "/s/moto.log"])
    }

    @Test func theClusterMovesWhereItsAccountCanReachIt() {
        let paths = SandboxPaths(state: "/root/.local/state/sparkify")
        #expect(paths.clusterDirectory(reachable: true, serverHome: "/var/lib/postgresql")
                == "/root/.local/state/sparkify/postgres")
        let elsewhere = paths.clusterDirectory(reachable: false, serverHome: "/var/lib/postgresql")
        #expect(elsewhere == "/var/lib/postgresql/sparkify/" + SandboxPaths.fingerprint("/root/.local/state/sparkify"))
        #expect(SandboxPaths.fingerprint("/a") != SandboxPaths.fingerprint("/b"))
        #expect(SandboxPaths.fingerprint("") == "cbf29ce484222325")
    }

    @Test func postmasterPIDFilesGiveThePidAndPort() {
        let text = "4242\n/var/lib/data\n1700000000\n5433\n/run\n127.0.0.1\n  5433001  0\nready   \n"
        #expect(PostgresServer.parsePIDFile(text) == PostgresServer.Postmaster(pid: 4242, port: 5433))
        #expect(PostgresServer.parsePIDFile("4242\n") == nil)
    }
}
