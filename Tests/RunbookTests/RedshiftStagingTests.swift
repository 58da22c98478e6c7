import Config
import Foundation
import Testing
import Warehouse
@testable import Runbook

/// What the Redshift staging stage does with the answers of Redshift's session functions, on the test
/// PostgreSQL with those functions and system tables defined in SQL as Redshift documents them:
/// `pg_last_copy_id()` is per session and survives a rolled-back COPY (a sequence's currval), -1 before
/// any COPY; `pg_last_copy_count()` is the last COPY's rows; STL_LOAD_ERRORS is a log the rollback does not
/// touch (its rows are written before the run). A function stands in for the COPY itself, which only
/// Redshift can parse; the COPY's own text is pinned by ETLPlanTests and ETLDryRunCommandTests.
@Suite struct RedshiftStagingTests {
    static let redshiftStandIns = [
        "CREATE SEQUENCE copy_ids START 100",
        """
        CREATE FUNCTION pg_last_copy_id() RETURNS bigint LANGUAGE plpgsql AS $$
        BEGIN RETURN currval('copy_ids'); EXCEPTION WHEN object_not_in_prerequisite_state THEN RETURN -1; END $$
        """,
        """
        CREATE FUNCTION pg_last_copy_count() RETURNS bigint LANGUAGE sql
        AS $$ SELECT COALESCE(NULLIF(current_setting('standin.copied', true), ''), '0')::bigint $$
        """,
        "CREATE TABLE stv_tbl_perm (id int, name text)",
        """
        CREATE TABLE stl_load_errors (query bigint, tbl int, starttime timestamp, filename text, line_number int,
            colname text, type text, col_length text, position int, raw_line text, raw_field_value text,
            err_code int, err_reason text)
        """,
        // Loads `songs`; fails like Redshift when the load has more rejected records than MAXERROR allows.
        """
        CREATE FUNCTION copy_songs(songs text[], max_error int) RETURNS void LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM nextval('copy_ids');
            INSERT INTO staging_songs (song_id) SELECT unnest(songs);
            PERFORM set_config('standin.copied', cardinality(songs)::text, true);
            IF (SELECT count(*) FROM stl_load_errors WHERE query = currval('copy_ids')) >= GREATEST(max_error, 1) THEN
                RAISE EXCEPTION 'Load into table ''staging_songs'' failed.  Check ''stl_load_errors'' system table for details.';
            END IF;
        END $$
        """,
        "INSERT INTO stv_tbl_perm VALUES (7, 'staging_songs')",
    ]

    static func rejected(query: Int, line: Int) -> String {
        """
        INSERT INTO stl_load_errors VALUES (\(query), 7, '2018-11-30 00:22:07', 's3://udacity-dend/song_data/A/A/A/TRAAA.json',
            \(line), 'year', 'int4', '0', 0, '{"year": "nineteen"}', 'nineteen', 1207, 'Invalid digit, Value ''n'', Pos 0, Type: Integer')
        """
    }

    static func staging(_ connection: Connection, maxError: Int) -> RedshiftStaging {
        RedshiftStaging(connection: connection, config: try! DWHConfig(), maxError: maxError, settings: nil, facts: CopyFacts(), runID: "run-1")
    }

    static func statements(copy: String) -> RedshiftStagingStatements {
        var sql = RedshiftStagingStatements(RedshiftCopy(table: WarehouseSchema.stagingSongs, source: "s3://udacity-dend/song_data",
                                                         iamRoleARN: "arn:aws:iam::1:role/r", mapping: .auto))
        sql.copy = copy
        return sql
    }

    static let spec = StagingSpec(stage: .stagingSongs, table: WarehouseSchema.stagingSongs,
                                  source: .s3(bucket: "udacity-dend", key: "song_data"), jsonPaths: nil, options: CopyOptions())

    static func database() async throws -> Connection {
        let connection = try await Connection.open(try await ScratchDatabase.make())
        for statement in DDL.createTablesStatements(dialect: .postgres) + redshiftStandIns { try await connection.execute(statement) }
        return connection
    }

    @Test func theStagedRowsArePgLastCopyCountAndSkippedRecordsAreFoundByTheCopysQueryID() async throws {
        let connection = try await Self.database()
        try await connection.execute(Self.rejected(query: 100, line: 4))
        try await connection.execute(Self.rejected(query: 99, line: 1))  // another COPY's, at the same time
        let progress = try await Self.staging(connection, maxError: 5)
            .load(Self.spec, sql: Self.statements(copy: "SELECT copy_songs(ARRAY['S1', 'S2', 'S3'], 5)"), onEvent: { _ in })
        #expect(progress.rows == 3)
        #expect(try await connection.execute("SELECT count(*) FROM staging_songs").scalar == "3")
        #expect(try await connection.execute("SELECT run_id, line_number, colname FROM load_errors").rows == [["run-1", "4", "year"]])
        await connection.close()
    }

    @Test func aCopyThatFailsNamesItsOwnRejectedRecordsAndLeavesTheTable() async throws {
        let connection = try await Self.database()
        try await connection.execute("INSERT INTO staging_songs (song_id) VALUES ('before')")
        try await connection.execute(Self.rejected(query: 100, line: 2))
        await #expect {
            try await Self.staging(connection, maxError: 0)
                .load(Self.spec, sql: Self.statements(copy: "SELECT copy_songs(ARRAY['S1'], 0)"), onEvent: { _ in })
        } throws: { error in
            guard case .tooManyErrors(let table, _, let errors)? = error as? StagingError else { return false }
            return table == "staging_songs" && errors.map(\.lineNumber) == [2] && errors.first?.reason.hasPrefix("Invalid digit") == true
        }
        #expect(try await connection.execute("SELECT song_id FROM staging_songs").rows == [["before"]])
        #expect(try await connection.execute("SELECT line_number FROM load_errors").rows == [["2"]])
        await connection.close()
    }

    @Test func aCopyThatFailsBeforeLoadingReportsItsOwnErrorNotAnEarlierCopysRecords() async throws {
        let connection = try await Self.database()
        let staging = Self.staging(connection, maxError: 5)
        try await connection.execute(Self.rejected(query: 100, line: 9))
        _ = try await staging.load(Self.spec, sql: Self.statements(copy: "SELECT copy_songs(ARRAY['S1'], 5)"), onEvent: { _ in })
        // The next COPY never starts loading (no access, say): pg_last_copy_id() still names the first.
        await #expect {
            try await staging.load(Self.spec, sql: Self.statements(copy: "SELECT no_such_function()"), onEvent: { _ in })
        } throws: { error in
            (error as? DatabaseError)?.message.contains("no_such_function") == true
        }
        #expect(try await connection.execute("SELECT song_id FROM staging_songs").rows == [["S1"]])
        await connection.close()
    }
}
