import Testing
@testable import Config

@Suite struct INIFileTests {
    @Test func readsTheNotebooksFileAsTeamsWriteIt() throws {
        let text = """
        [CLUSTER]
        HOST=''
        DB_NAME='dwh'
        db_user = dwhuser
        DB_PASSWORD="Passw0rd"
        DB_PORT=5439

        # the role step 1 creates
        [iam_role]
        ARN='arn:aws:iam::123456789012:role/dwhRole'

        [S3]
        LOG_DATA='s3://udacity-dend/log_data'
        LOG_JSONPATH : 's3://udacity-dend/log_json_path.json'
        SONG_DATA='s3://udacity-dend/song_data'
        """
        let file = try INIFile(parsing: text, source: "dwh.cfg")
        #expect(file["cluster", "host"] == "")
        #expect(file["CLUSTER", "DB_USER"] == "dwhuser")
        #expect(file["Cluster", "db_password"] == "Passw0rd")
        #expect(file["IAM_ROLE", "ARN"] == "arn:aws:iam::123456789012:role/dwhRole")
        #expect(file["S3", "LOG_JSONPATH"] == "s3://udacity-dend/log_json_path.json")
        #expect(file.location("s3", "song_data") == "dwh.cfg line 15 ([S3] SONG_DATA)")
    }

    @Test func namesTheLineOfAMalformedEntry() {
        #expect(throws: ConfigError.malformed(source: "dwh.cfg", line: 3,
                                              reason: "expected KEY=value, found 'HOST localhost'")) {
            try INIFile(parsing: "[CLUSTER]\n\nHOST localhost\n", source: "dwh.cfg")
        }
        #expect(throws: ConfigError.malformed(source: "x.cfg", line: 1,
                                              reason: "key 'HOST' comes before any [SECTION] header")) {
            try INIFile(parsing: "HOST=a\n", source: "x.cfg")
        }
        #expect(throws: ConfigError.malformed(source: "x.cfg", line: 2,
                                              reason: "section header '[CLUSTER' must look like [NAME]")) {
            try INIFile(parsing: "\n[CLUSTER\n", source: "x.cfg")
        }
    }

    @Test func doesNotEchoALongMalformedLine() throws {
        do {
            _ = try INIFile(parsing: "[AWS]\nwJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n", source: "dwh.cfg")
            Issue.record("expected an error")
        } catch {
            #expect(!error.description.contains("bPxRfiCYEXAMPLEKEY"))
        }
    }
}
