import Config

/// The sandbox's profile config: a complete `dwh.cfg` in the team's format that every command accepts.
/// `[CLUSTER]` points at the private PostgreSQL, `[AWS]` at moto_server, `[S3]` at the seeded bucket,
/// `[SANDBOX] STATE` at the state directory (which is how commands know they face the sandbox).
public enum SandboxProfile {
    /// The port the emulated Redshift reports for the clusters it "creates", as real Redshift does.
    public static let emulatedClusterPort = 5439

    /// The file's text. It holds the password: write it with mode 0600.
    static func render(_ state: SandboxState, password: Secret) -> String {
        let bucket = "s3://\(state.bucket)"
        return """
            # sparkify sandbox profile, written by `sparkify sandbox up` (state: \(state.directory)).
            # A complete dwh.cfg: pass it with --config, or let commands find it while the sandbox runs.
            # Any cluster the emulated Redshift reports (port \(SandboxProfile.emulatedClusterPort)) is this [CLUSTER] database.

            [CLUSTER]
            HOST=\(state.postgres.host)
            DB_NAME=\(state.postgres.database)
            DB_USER=\(state.postgres.user)
            DB_PASSWORD=\(password.reveal())
            DB_PORT=\(state.postgres.port)

            [IAM_ROLE]
            ARN=

            [S3]
            LOG_DATA=\(bucket)/log_data
            LOG_JSONPATH=\(bucket)/log_json_path.json
            SONG_DATA=\(bucket)/song_data

            [AWS]
            KEY=\(SandboxState.motoCredentials.accessKeyID)
            SECRET=\(SandboxState.motoCredentials.secretAccessKey.reveal())
            ENDPOINT=\(state.endpoint)
            REGION=\(state.region)

            [DWH]
            DWH_CLUSTER_TYPE=multi-node
            DWH_NUM_NODES=4
            DWH_NODE_TYPE=dc2.large
            DWH_IAM_ROLE_NAME=dwhRole
            DWH_CLUSTER_IDENTIFIER=dwhCluster
            DWH_DB=\(state.postgres.database)
            DWH_DB_USER=\(state.postgres.user)
            DWH_DB_PASSWORD=\(password.reveal())
            DWH_PORT=\(SandboxProfile.emulatedClusterPort)

            [SANDBOX]
            STATE=\(state.directory)

            """
    }
}
