import Foundation
import Testing
@testable import Config

@Suite struct DWHConfigTests {
    let sample = """
    [CLUSTER]
    HOST='127.0.0.1'
    DB_NAME='dwh'
    DB_USER='dwhuser'
    DB_PASSWORD='Passw0rd'
    DB_PORT='5439'
    [DWH]
    DWH_CLUSTER_TYPE=multi-node
    DWH_NUM_NODES=2
    DWH_NODE_TYPE=dc2.large
    DWH_CLUSTER_IDENTIFIER=dwhCluster
    [S3]
    LOG_DATA='s3://udacity-dend/log_data'
    LOG_JSONPATH='file:///data/log_json_path.json'
    SONG_DATA='/data/song_data'
    [AWS]
    KEY=AKIDFILE
    SECRET=file-secret
    ENDPOINT=http://127.0.0.1:5000
    """

    @Test func typesEverySection() throws {
        let config = try DWHConfig(file: INIFile(parsing: sample, source: "dwh.cfg"))
        #expect(config.cluster.host == "127.0.0.1")
        #expect(config.databasePort == 5439)
        #expect(config.provisioning.numNodes == 2)
        #expect(config.provisioning.nodeType == "dc2.large")
        #expect(config.sources.logData == .s3(bucket: "udacity-dend", key: "log_data"))
        #expect(config.sources.logJSONPath == .local(path: "/data/log_json_path.json"))
        #expect(config.sources.songData == .local(path: "/data/song_data"))
        #expect(config.awsEndpoint == "http://127.0.0.1:5000")
        let db = try DatabaseSettings(config: config)
        #expect(db == DatabaseSettings(host: "127.0.0.1", port: 5439, database: "dwh", user: "dwhuser",
                                       password: Secret("Passw0rd")))
    }

    @Test func aBadNumberNamesTheKeyAndLine() {
        #expect(throws: ConfigError.invalid(location: "dwh.cfg line 2 ([DWH] DWH_NUM_NODES)", value: "four",
                                            reason: "expected a whole number")) {
            try DWHConfig(file: INIFile(parsing: "[DWH]\nDWH_NUM_NODES=four\n", source: "dwh.cfg"))
        }
    }

    @Test func aMissingHostSaysWhatToDo() throws {
        let config = try DWHConfig(file: INIFile(parsing: "[CLUSTER]\nHOST=''\n", source: "dwh.cfg"))
        #expect(throws: ConfigError.missing(location: "dwh.cfg line 2 ([CLUSTER] HOST)",
                                            hint: "run `sparkify iac up` (it prints the endpoint) or set the cluster's endpoint")) {
            try DatabaseSettings(config: config)
        }
    }

    @Test func rejectsAnUnknownURIScheme() {
        #expect(throws: ConfigError.self) {
            try DWHConfig(file: INIFile(parsing: "[S3]\nLOG_DATA=gs://bucket/x\n", source: "dwh.cfg"))
        }
    }

    @Test func warnsWhenAFileWithSecretsIsWorldReadable() throws {
        let path = NSTemporaryDirectory() + "sparkify-perm-\(UUID().uuidString).cfg"
        try sample.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        let config = try DWHConfig.load(path: path)
        #expect(DWHConfig.permissionWarning(path: path, config: config)?.contains("chmod 600") == true)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        #expect(DWHConfig.permissionWarning(path: path, config: config) == nil)
    }
}
