import Testing
@testable import Config

/// `[S3] MANIFEST_PREFIX`: where incremental runs on Redshift write their COPY manifests.
@Suite struct ManifestPrefixTests {
    static func config(_ prefix: String) throws(ConfigError) -> DWHConfig {
        try DWHConfig(file: INIFile(parsing: """
            [S3]
            LOG_DATA=s3://udacity-dend/log_data
            SONG_DATA=s3://udacity-dend/song_data
            MANIFEST_PREFIX=\(prefix)
            """, source: "dwh.cfg"))
    }

    static func message(_ prefix: String) -> String? {
        do {
            _ = try config(prefix)
            return nil
        } catch {
            return error.description
        }
    }

    @Test func aFolderInABucketIsKeptWithItsSlash() throws {
        let prefix = try #require(try Self.config("s3://ops-bucket/sparkify/manifests").sources.manifestPrefix)
        #expect(prefix == ManifestPrefix(bucket: "ops-bucket", keyPrefix: "sparkify/manifests/"))
        #expect(prefix.description == "s3://ops-bucket/sparkify/manifests/")
        #expect(prefix.key(runID: "20261201T120107Z-1a2b", stage: "staging_events")
            == "sparkify/manifests/20261201T120107Z-1a2b/staging_events.manifest")
        // Beside the data, in the same bucket, is fine: no COPY of the data reads it.
        #expect(try Self.config("s3://udacity-dend/manifests/").sources.manifestPrefix?.keyPrefix == "manifests/")
        #expect(try DWHConfig(file: INIFile(parsing: "[S3]\nLOG_DATA=s3://b/x", source: "dwh.cfg")).sources.manifestPrefix == nil)
    }

    @Test func aBadValueNamesTheKeyAndSaysWhatToWrite() {
        #expect(Self.message("/tmp/manifests") == "dwh.cfg line 4 ([S3] MANIFEST_PREFIX) = '/tmp/manifests': expected an s3://bucket/prefix/ URI "
            + "(such as s3://my-bucket/sparkify-manifests/): incremental runs on Redshift write their COPY manifests there")
        #expect(Self.message("s3:///manifests/") == "dwh.cfg line 4 ([S3] MANIFEST_PREFIX) = 's3:///manifests/': "
            + "an S3 URI needs a bucket and a prefix, such as s3://my-bucket/sparkify-manifests/")
        #expect(Self.message("s3://ops-bucket/") == "dwh.cfg line 4 ([S3] MANIFEST_PREFIX) = 's3://ops-bucket/': needs a prefix under the bucket, "
            + "such as s3://my-bucket/sparkify-manifests/: manifests are written and deleted there, never at the bucket's top")
        #expect(Self.message("s3://ops-bucket") == Self.message("s3://ops-bucket/")?.replacingOccurrences(of: "'s3://ops-bucket/'", with: "'s3://ops-bucket'"))
    }

    @Test func aPrefixThatACopyOfTheDataWouldReadIsRefused() {
        // COPY FROM 's3://udacity-dend/log_data' loads every key starting with log_data, so log_data_manifests/ too.
        #expect(Self.message("s3://udacity-dend/log_data_manifests/") == "dwh.cfg line 4 ([S3] MANIFEST_PREFIX) = 's3://udacity-dend/log_data_manifests/': "
            + "lies under [S3] LOG_DATA (s3://udacity-dend/log_data): a COPY of that data would load a left-over manifest as data — choose a prefix outside it")
        #expect(Self.message("s3://udacity-dend/song_data/manifests")?.contains("lies under [S3] SONG_DATA (s3://udacity-dend/song_data)") == true)
    }
}
