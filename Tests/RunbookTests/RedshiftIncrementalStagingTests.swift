import Testing
import Warehouse
@testable import Runbook

/// Redshift's staging in an incremental run: the stage's COPY, once per new object, into the
/// temporary new-rows table.
@Suite("Redshift incremental staging")
struct RedshiftIncrementalStagingTests {
    @Test func eachNewObjectIsCopiedOnItsOwnIntoTheNewRowsTable() {
        var base = RedshiftCopy(table: WarehouseSchema.stagingEvents, source: "s3://udacity-dend/log_data",
                                iamRoleARN: "arn:aws:iam::123456789012:role/dwhRole",
                                mapping: .jsonPaths("s3://udacity-dend/log_json_path.json"), region: "us-west-2")
        base.maxError = 2
        let objects = ["log_data/2018/11/2018-11-29-events.json", "log_data/2018/11/2018-11-30-events.json"].map {
            SourceObject(location: .s3(bucket: "udacity-dend", key: $0), size: 100, etag: "e")
        }
        let copies = RedshiftStaging.copies(of: objects, base: base, into: IncrementalSQL.newRows(WarehouseSchema.stagingEvents))
        #expect(copies == ["29", "30"].map { day in """
            COPY new_staging_events (artist, auth, firstName, gender, itemInSession, lastName, length, level, location, method, page, registration, sessionId, song, status, ts, userAgent, userId)
            FROM 's3://udacity-dend/log_data/2018/11/2018-11-\(day)-events.json'
            IAM_ROLE 'arn:aws:iam::123456789012:role/dwhRole'
            FORMAT AS JSON 's3://udacity-dend/log_json_path.json'
            REGION 'us-west-2'
            TIMEFORMAT 'epochmillisecs'
            COMPUPDATE OFF STATUPDATE OFF
            MAXERROR 2
            """ })
        #expect(RedshiftStaging.speedWarning(.stagingEvents, count: 2)
            == "staging_events: 2 new objects, one COPY each (slow on Redshift: each COPY has a fixed cost; a manifest would load them in one)")
    }
}
