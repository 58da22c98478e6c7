import Config
import Foundation
import Testing
import Warehouse
@testable import Runbook

/// Redshift's staging in an incremental run: one COPY of a manifest listing the new objects (with
/// `[S3] MANIFEST_PREFIX`), else the stage's COPY once per new object, into the temporary new-rows table.
@Suite("Redshift incremental staging")
struct RedshiftIncrementalStagingTests {
    static let base: RedshiftCopy = {
        var base = RedshiftCopy(table: WarehouseSchema.stagingEvents, source: "s3://udacity-dend/log_data",
                                iamRoleARN: "arn:aws:iam::123456789012:role/dwhRole",
                                mapping: .jsonPaths("s3://udacity-dend/log_json_path.json"), region: "us-west-2")
        base.maxError = 2
        return base
    }()
    static let days = ["29", "30"].map { day in
        SourceObject(location: .s3(bucket: "udacity-dend", key: "log_data/2018/11/2018-11-\(day)-events.json"), size: 1000 + Int(day)!, etag: "e\(day)")
    }
    static let newEvents = IncrementalSQL.newRows(WarehouseSchema.stagingEvents)
    static let prefix = ManifestPrefix(bucket: "ops-bucket", keyPrefix: "sparkify/manifests/")

    @Test func withAManifestPrefixOneCopyReadsAManifestOfTheNewObjects() throws {
        let copy = RedshiftNewObjectsCopy(stage: .stagingEvents, new: Self.days, base: Self.base, into: Self.newEvents, prefix: Self.prefix,
                                          regions: ["udacity-dend": "us-west-2", "ops-bucket": "us-west-2"], runID: "20261201T120107Z-1a2b")
        let manifest = CopyManifest(bucket: "ops-bucket", key: "sparkify/manifests/20261201T120107Z-1a2b/staging_events.manifest", objects: Self.days)
        #expect(copy.form == .manifest(manifest))
        #expect(copy.copies == ["""
            COPY new_staging_events (artist, auth, firstName, gender, itemInSession, lastName, length, level, location, method, page, registration, sessionId, song, status, ts, userAgent, userId)
            FROM 's3://ops-bucket/sparkify/manifests/20261201T120107Z-1a2b/staging_events.manifest'
            IAM_ROLE 'arn:aws:iam::123456789012:role/dwhRole'
            FORMAT AS JSON 's3://udacity-dend/log_json_path.json'
            MANIFEST
            REGION 'us-west-2'
            TIMEFORMAT 'epochmillisecs'
            COMPUPDATE OFF STATUPDATE OFF
            MAXERROR 2
            """])
        #expect(manifest.json == """
            {"entries": [
              {"url": "s3://udacity-dend/log_data/2018/11/2018-11-29-events.json", "mandatory": true, "meta": {"content_length": 1029}},
              {"url": "s3://udacity-dend/log_data/2018/11/2018-11-30-events.json", "mandatory": true, "meta": {"content_length": 1030}}
            ]}

            """)
        #expect(copy.summary == "one COPY of the manifest s3://ops-bucket/sparkify/manifests/20261201T120107Z-1a2b/staging_events.manifest "
            + "(2 entries), written before the COPY and deleted after it")
        #expect(RedshiftNewObjectsCopy.speedWarning([copy]) == nil)
    }

    @Test func theManifestIsWhatTheLoadersOwnParserReads() throws {
        let odd = SourceObject(location: .s3(bucket: "b", key: "log_data/a \"quoted\" \\ key\u{1}.json"), size: nil)
        let manifest = CopyManifest(bucket: "b", key: "m/x.manifest", objects: [odd, Self.days[0]])
        #expect(manifest.json.contains(#"{"url": "s3://b/log_data/a \"quoted\" \\ key\u0001.json", "mandatory": true}"#))
        let parsed = try Manifest.parse(Array(manifest.json.utf8), source: manifest.url)
        #expect(parsed == Manifest(entries: [Manifest.Entry(url: odd.name, mandatory: true), Manifest.Entry(url: Self.days[0].name, mandatory: true)]))
    }

    @Test func withoutAPrefixEachNewObjectIsCopiedOnItsOwnWithOneWarning() {
        let copy = RedshiftNewObjectsCopy(stage: .stagingEvents, new: Self.days, base: Self.base, into: Self.newEvents, prefix: nil, runID: "r")
        #expect(copy.form == .perObject)
        #expect(copy.copies == ["29", "30"].map { day in """
            COPY new_staging_events (artist, auth, firstName, gender, itemInSession, lastName, length, level, location, method, page, registration, sessionId, song, status, ts, userAgent, userId)
            FROM 's3://udacity-dend/log_data/2018/11/2018-11-\(day)-events.json'
            IAM_ROLE 'arn:aws:iam::123456789012:role/dwhRole'
            FORMAT AS JSON 's3://udacity-dend/log_json_path.json'
            REGION 'us-west-2'
            TIMEFORMAT 'epochmillisecs'
            COMPUPDATE OFF STATUPDATE OFF
            MAXERROR 2
            """ })
        #expect(copy.summary == "one COPY per new object (2): no [S3] MANIFEST_PREFIX")
        let one = RedshiftNewObjectsCopy(stage: .stagingSongs, new: [Self.days[0]], base: Self.base, into: Self.newEvents, prefix: nil, runID: "r")
        #expect(RedshiftNewObjectsCopy.speedWarning([copy, one]) == "one Redshift COPY per new object (staging_events 2): slow, each COPY has a fixed cost "
            + "of seconds; set [S3] MANIFEST_PREFIX in dwh.cfg to an s3://bucket/prefix/ you can write and the cluster's role can read, "
            + "and each stage loads its new objects in one COPY of a manifest")
        // A single COPY costs the same in either form.
        #expect(RedshiftNewObjectsCopy.speedWarning([one]) == nil)
    }

    @Test func nothingNewIsNoCopyAtAll() {
        let copy = RedshiftNewObjectsCopy(stage: .stagingEvents, new: [], base: Self.base, into: Self.newEvents, prefix: Self.prefix, runID: "r")
        #expect(copy.form == .nothingNew)
        #expect(copy.copies.isEmpty)
        #expect(copy.summary == "no new objects: no COPY")
    }

    @Test func aManifestInAnotherRegionThanTheDataFallsBackToOneCopyEach() {
        let copy = RedshiftNewObjectsCopy(stage: .stagingEvents, new: Self.days, base: Self.base, into: Self.newEvents, prefix: Self.prefix,
                                          regions: ["udacity-dend": "us-west-2"], runID: "r")
        #expect(copy.form == .perObject)
        #expect(copy.copies.count == 2)
        #expect(copy.manifestProblem == "[S3] MANIFEST_PREFIX's bucket ops-bucket is not in the region of the data (s3://udacity-dend/log_data): "
            + "a COPY names one REGION for its manifest and the objects")
        #expect(RedshiftNewObjectsCopy.speedWarning([copy])?.contains("objects — use a prefix in a bucket of that region, and each stage") == true)
    }

    @Test func aKeyThatAnotherListedKeyExtendsCannotBeCopiedOnItsOwn() {
        let new = SourceObject(location: .s3(bucket: "b", key: "log_data/2018-11-30-events.json"), size: 1)
        let backup = SourceObject(location: .s3(bucket: "b", key: "log_data/2018-11-30-events.json.bak"), size: 1)
        let other = SourceObject(location: .s3(bucket: "b", key: "log_data/2018-11-29-events.json"), size: 1)
        #expect(RedshiftNewObjectsCopy.prefixClash(new: [new], listed: [backup, other, new])
            == "a COPY from s3://b/log_data/2018-11-30-events.json would also load s3://b/log_data/2018-11-30-events.json.bak "
            + "(a COPY source is a key prefix): set [S3] MANIFEST_PREFIX in dwh.cfg to load exactly the new objects")
        #expect(RedshiftNewObjectsCopy.prefixClash(new: [other, new], listed: [other, new]) == nil)
        #expect(RedshiftNewObjectsCopy.prefixClash(new: [backup], listed: [backup, other, new]) == nil)
    }
}
