import Config
import Testing
import Warehouse

@Suite struct CopyRegionTests {
    @Test func theConfiguredRegionWinsThenWhatS3SaidThenTheKnownBucket() {
        #expect(CopyRegion.bucketRegion(bucket: "udacity-dend", configured: "eu-west-1", learned: "us-east-2") == "eu-west-1")
        #expect(CopyRegion.bucketRegion(bucket: "udacity-dend", configured: nil, learned: "us-east-2") == "us-east-2")
        #expect(CopyRegion.bucketRegion(bucket: "udacity-dend", configured: nil, learned: nil) == "us-west-2")
        #expect(CopyRegion.bucketRegion(bucket: "team-bucket", configured: nil, learned: nil) == nil)
    }

    @Test func theClauseIsLeftOutInTheClustersOwnRegion() {
        #expect(CopyRegion.clause(bucketRegion: "us-west-2", clusterRegion: "us-east-1") == "us-west-2")
        #expect(CopyRegion.clause(bucketRegion: "us-west-2", clusterRegion: "us-west-2") == nil)
        #expect(CopyRegion.clause(bucketRegion: nil, clusterRegion: "us-east-1") == nil)
        #expect(CopyRegion.clause(bucketRegion: "us-west-2", clusterRegion: nil) == "us-west-2")
    }

    @Test func theClustersRegionFromItsEndpoint() {
        #expect(CopyRegion.clusterRegion(host: "dwhcluster.c1a2b3c4d5e6.us-west-2.redshift.amazonaws.com") == "us-west-2")
        #expect(CopyRegion.clusterRegion(host: "wg.123456789012.eu-central-1.redshift-serverless.amazonaws.com") == "eu-central-1")
        #expect(CopyRegion.clusterRegion(host: "dwh.abc.cn-north-1.redshift.amazonaws.com.cn") == "cn-north-1")
        #expect(CopyRegion.clusterRegion(host: "127.0.0.1") == nil)
        #expect(CopyRegion.clusterRegion(host: "redshift.internal.example.com") == nil)
    }

    @Test func eachCopyNamesItsOwnBucketsRegion() throws {
        let config = try DWHConfig(file: INIFile(parsing: """
            [IAM_ROLE]
            ARN=arn:aws:iam::123456789012:role/dwhRole
            [S3]
            LOG_DATA=s3://udacity-dend/log_data
            LOG_JSONPATH=s3://udacity-dend/log_json_path.json
            SONG_DATA=s3://team-songs/song_data
            """, source: "dwh.cfg"))
        #expect(RedshiftCopy.buckets(config: config) == ["udacity-dend", "team-songs"])
        let copies = try RedshiftCopy.staging(config: config, regions: ["udacity-dend": "us-west-2"])
        #expect(copies.map(\.region) == ["us-west-2", nil])
    }
}

@Suite struct RedshiftStagingStatementsTests {
    @Test func countAndQueryIDComeFromTheSessionRightAfterTheCopy() {
        let copy = RedshiftCopy(table: WarehouseSchema.stagingSongs, source: "s3://udacity-dend/song_data",
                                iamRoleARN: "arn:aws:iam::1:role/r", mapping: .auto, region: "us-west-2")
        let statements = RedshiftStagingStatements(copy)
        #expect(statements.transaction == [
            "BEGIN", "DELETE FROM staging_songs", "SELECT pg_last_copy_id()", copy.sql,
            "SELECT pg_last_copy_count(), pg_last_copy_id()", "COMMIT",
        ])
        #expect(statements.loadErrors.contains("WHERE e.query = $1"))
        #expect(!statements.loadErrors.contains("starttime >="))
    }
}
