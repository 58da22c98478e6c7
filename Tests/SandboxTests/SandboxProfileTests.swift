import Config
import Testing
@testable import Sandbox

@Suite struct SandboxProfileTests {
    @Test func theProfileIsACompleteDWHConfig() throws {
        let text = SandboxProfile.render(.fixture(directory: "/home/u/.local/state/sparkify"), password: Secret("pw"))
        #expect(text == """
            # sparkify sandbox profile, written by `sparkify sandbox up` (state: /home/u/.local/state/sparkify).
            # A complete dwh.cfg: pass it with --config, or let commands find it while the sandbox runs.
            # Any cluster the emulated Redshift reports (port 5439) is this [CLUSTER] database.

            [CLUSTER]
            HOST=127.0.0.1
            DB_NAME=dwh
            DB_USER=dwhuser
            DB_PASSWORD=pw
            DB_PORT=5433

            [IAM_ROLE]
            ARN=

            [S3]
            LOG_DATA=s3://udacity-dend/log_data
            LOG_JSONPATH=s3://udacity-dend/log_json_path.json
            SONG_DATA=s3://udacity-dend/song_data

            [AWS]
            KEY=testing
            SECRET=testing
            ENDPOINT=http://127.0.0.1:5001
            REGION=us-west-2

            [DWH]
            DWH_CLUSTER_TYPE=multi-node
            DWH_NUM_NODES=4
            DWH_NODE_TYPE=dc2.large
            DWH_IAM_ROLE_NAME=dwhRole
            DWH_CLUSTER_IDENTIFIER=dwhCluster
            DWH_DB=dwh
            DWH_DB_USER=dwhuser
            DWH_DB_PASSWORD=pw
            DWH_PORT=5439

            [SANDBOX]
            STATE=/home/u/.local/state/sparkify

            """)

        let config = try DWHConfig(file: INIFile(parsing: text, source: "profile.cfg"))
        #expect(try DatabaseSettings(config: config)
                == DatabaseSettings(host: "127.0.0.1", port: 5433, database: "dwh", user: "dwhuser", password: Secret("pw")))
        #expect(config.sources.logData == .s3(bucket: "udacity-dend", key: "log_data"))
        #expect(config.sources.logJSONPath == .s3(bucket: "udacity-dend", key: "log_json_path.json"))
        #expect(config.sources.songData == .s3(bucket: "udacity-dend", key: "song_data"))
        let aws = try AWSSettings.resolve(config: config, environment: [:], home: "/nonexistent")
        #expect(aws.endpoint == "http://127.0.0.1:5001")
        #expect(aws.region == "us-west-2")
        #expect(aws.credentials?.accessKeyID == "testing")
        #expect(config.sandboxState == "/home/u/.local/state/sparkify")
    }
}
