import Config
import Foundation
import Testing
@testable import Warehouse

@Suite struct RedshiftCopyTests {
    static func config(_ extra: String = "") throws -> DWHConfig {
        try DWHConfig(file: INIFile(parsing: """
            [IAM_ROLE]
            ARN='arn:aws:iam::123456789012:role/dwhRole'
            [S3]
            LOG_DATA='s3://udacity-dend/log_data'
            LOG_JSONPATH='s3://udacity-dend/log_json_path.json'
            SONG_DATA='s3://udacity-dend/song_data'
            \(extra)
            """, source: "dwh.cfg"))
    }

    @Test func stagingStatementsFromTheConfig() throws {
        let copies = try RedshiftCopy.staging(config: Self.config(), regions: ["udacity-dend": "us-west-2"], maxError: 5)
        #expect(copies.map(\.sql) == [
            """
            COPY staging_events (artist, auth, firstName, gender, itemInSession, lastName, length, level, location, method, page, registration, sessionId, song, status, ts, userAgent, userId)
            FROM 's3://udacity-dend/log_data'
            IAM_ROLE 'arn:aws:iam::123456789012:role/dwhRole'
            FORMAT AS JSON 's3://udacity-dend/log_json_path.json'
            REGION 'us-west-2'
            TIMEFORMAT 'epochmillisecs'
            COMPUPDATE OFF STATUPDATE OFF
            MAXERROR 5
            """,
            """
            COPY staging_songs (num_songs, artist_id, artist_latitude, artist_longitude, artist_location, artist_name, song_id, title, duration, year)
            FROM 's3://udacity-dend/song_data'
            IAM_ROLE 'arn:aws:iam::123456789012:role/dwhRole'
            FORMAT AS JSON 'auto'
            REGION 'us-west-2'
            TIMEFORMAT 'epochmillisecs'
            COMPUPDATE OFF STATUPDATE OFF
            MAXERROR 5
            """,
        ])
    }

    @Test func everyOptionAndEveryLiteralEscaped() {
        var copy = RedshiftCopy(table: WarehouseSchema.stagingSongs, source: "s3://b/it's\\here",
                                iamRoleARN: "arn:aws:iam::1:role/x'; DROP TABLE users; --", mapping: .autoIgnoreCase)
        copy.timeFormat = nil
        copy.blanksAsNull = true
        copy.emptyAsNull = true
        copy.truncateColumns = true
        copy.acceptInvalidCharacters = "?"
        copy.gzip = true
        copy.manifest = true
        #expect(copy.sql.split(separator: "\n").dropFirst().map(String.init) == [
            #"FROM 's3://b/it''s\\here'"#,
            "IAM_ROLE 'arn:aws:iam::1:role/x''; DROP TABLE users; --'",
            "FORMAT AS JSON 'auto ignorecase'",
            "MANIFEST",
            "GZIP",
            "BLANKSASNULL EMPTYASNULL TRUNCATECOLUMNS ACCEPTINVCHARS AS '?'",
            "COMPUPDATE OFF STATUPDATE OFF",
            "MAXERROR 0",
        ])
    }

    @Test func withoutAJSONPathsFileEventsUseAuto() throws {
        var config = try Self.config()
        config.sources.logJSONPath = nil
        #expect(try RedshiftCopy.staging(config: config)[0].mapping == .auto)
    }

    @Test func aLocalDirectoryIsAConfigErrorNamingTheKey() throws {
        var config = try Self.config()
        config.sources.songData = .local(path: "/data/song_data")
        #expect(throws: ConfigError.invalid(
            location: "dwh.cfg line 6 ([S3] SONG_DATA)", value: "/data/song_data",
            reason: "Redshift's COPY reads only from S3: use an s3:// URI (local directories work only with the sandbox's PostgreSQL)")) {
            try RedshiftCopy.staging(config: config)
        }
    }

    @Test func aMissingRoleSaysWhatToDo() throws {
        let config = try DWHConfig(file: INIFile(parsing: "[S3]\nLOG_DATA=s3://b/l\nSONG_DATA=s3://b/s\n", source: "dwh.cfg"))
        #expect(throws: ConfigError.self) { try RedshiftCopy.staging(config: config) }
    }

    @Test func literalsDropNulBytes() {
        #expect(SQLLiteral.quote("a\0b") == "'ab'")
        #expect(SQLLiteral.quote("") == "''")
    }
}

@Suite struct RedshiftLoadMonitorTests {
    @Test func progressSumsTheSlices() {
        #expect(RedshiftLoadMonitor.progressQuery.contains("FROM stv_load_state\nWHERE session = $1"))
        let progress = RedshiftLoadProgress(bytesToLoad: 400, bytesLoaded: 100, lines: 10, files: 4, filesComplete: 1)
        #expect(progress.fraction == 0.25)
        #expect(RedshiftLoadProgress(bytesToLoad: 0, bytesLoaded: 0, lines: 0, files: 0, filesComplete: 0).fraction == nil)
    }

    @Test func anSTLLoadErrorsRowBecomesARecord() {
        let record = RedshiftLoadMonitor.loadError([
            "staging_events", "2018-11-30 00:22:07.5", "s3://udacity-dend/log_data/2018/11/2018-11-30-events.json", "3",
            "sessionid", "int4", "0", "0", "{\"sessionId\":\"x\"}", "x", "1207", "Invalid digit, Value 'x', Pos 0, Type: Integer",
        ])
        #expect(record == LoadErrorRecord(
            table: "staging_events", startTime: Date(timeIntervalSince1970: 1_543_537_327.5),
            filename: "s3://udacity-dend/log_data/2018/11/2018-11-30-events.json", lineNumber: 3, columnName: "sessionid",
            type: "int4", columnLength: "0", position: 0, rawLine: "{\"sessionId\":\"x\"}", rawFieldValue: "x",
            errorCode: 1207, reason: "Invalid digit, Value 'x', Pos 0, Type: Integer"))
    }
}
