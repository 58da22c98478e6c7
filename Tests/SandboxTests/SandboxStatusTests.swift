import Testing
@testable import Sandbox

@Suite struct SandboxStatusTests {
    @Test func jsonIsTheScriptsContract() {
        let status = SandboxStatus(state: .fixture(directory: "/s"), postgresRunning: true, motoRunning: true)
        #expect(status.json == #"{"running": true, "aws_endpoint": "http://127.0.0.1:5001", "bucket": "udacity-dend", "#
                + #""postgres": {"host": "127.0.0.1", "port": 5433, "database": "dwh", "user": "dwhuser"}, "#
                + #""config": "/s/profile.cfg"}"#)
    }

    @Test func aStoppedOrHalfRunningSandboxIsNotRunning() {
        let half = SandboxStatus(state: .fixture(directory: "/s"), postgresRunning: true, motoRunning: false)
        #expect(half.json.hasPrefix(#"{"running": false, "aws_endpoint": "http://127.0.0.1:5001""#))
        #expect(SandboxStatus(state: nil, postgresRunning: false, motoRunning: false).json == #"{"running": false}"#)
    }

    @Test func linesSayWhereEverythingIs() {
        let status = SandboxStatus(state: .fixture(directory: "/s"), postgresRunning: true, motoRunning: true)
        #expect(status.lines == [
            "sandbox: running",
            "  PostgreSQL  up    127.0.0.1:5433  database dwh, user dwhuser",
            "  moto        up    http://127.0.0.1:5001  bucket s3://udacity-dend",
            "  data        14,927 objects, 9.9 MB (generated, scale 1, seed 2018)",
            "  profile     /s/profile.cfg",
            "  state       /s",
        ])
        let half = SandboxStatus(state: .fixture(directory: "/s"), postgresRunning: false, motoRunning: true)
        #expect(half.lines[0] == "sandbox: partly running (run `sparkify sandbox up` to repair, or `down`)")
        #expect(SandboxStatus(state: nil, postgresRunning: false, motoRunning: false).lines
                == ["sandbox: not set up (run `sparkify sandbox up`)"])
    }

    @Test func countsReadWell() {
        #expect(ByteCount.text(812) == "812 B")
        #expect(ByteCount.text(12_345) == "12.3 KB")
        #expect(ByteCount.text(9_876_543) == "9.9 MB")
        #expect(SeedProgress(filesDone: 1_234, fileCount: 14_927, bytesDone: 12_300_000).text
                == "1,234/14,927 files, 12.3 MB")
        #expect(SeedProgress(filesDone: 0, fileCount: 3).text == "0/3 files, 0 B")
    }
}
