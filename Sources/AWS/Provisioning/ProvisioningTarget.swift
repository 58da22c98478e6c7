import Config

/// What `iac up` builds and `iac down` removes: the `[DWH]` section of dwh.cfg.
public struct ProvisioningTarget: Sendable {
    public var roleName: String
    public var policyARN: String
    public var clusterIdentifier: String
    public var clusterType: String
    public var nodeType: String
    public var numberOfNodes: Int
    public var database: String
    public var masterUsername: String
    /// Needed only to create the cluster.
    public var masterPassword: Secret?
    /// Where the password is (or should be) configured, for messages: "dwh.cfg line 9 ([DWH] DWH_DB_PASSWORD)".
    public var passwordLocation: String
    public var port: Int
    /// `iac up --from-snapshot`: step 2 restores this snapshot instead of creating an empty cluster.
    public var restoreSnapshot: String?

    public init(roleName: String, policyARN: String = IAMClient.s3ReadOnlyPolicyARN, clusterIdentifier: String,
                clusterType: String = "multi-node", nodeType: String = "dc2.large", numberOfNodes: Int = 4,
                database: String = "dwh", masterUsername: String = "dwhuser", masterPassword: Secret?,
                passwordLocation: String = "[DWH] DWH_DB_PASSWORD", port: Int = 5439) {
        self.roleName = roleName
        self.policyARN = policyARN
        self.clusterIdentifier = clusterIdentifier
        self.clusterType = clusterType
        self.nodeType = nodeType
        self.numberOfNodes = numberOfNodes
        self.database = database
        self.masterUsername = masterUsername
        self.masterPassword = masterPassword
        self.passwordLocation = passwordLocation
        self.port = port
    }

    /// The `[DWH]` values (with the notebook's defaults where the file has none).
    public init(config: DWHConfig) {
        let dwh = config.provisioning
        self.init(roleName: dwh.iamRoleName, clusterIdentifier: dwh.clusterIdentifier, clusterType: dwh.clusterType,
                  nodeType: dwh.nodeType, numberOfNodes: dwh.numNodes, database: dwh.db, masterUsername: dwh.dbUser,
                  masterPassword: dwh.dbPassword, passwordLocation: config.file.location("DWH", "DWH_DB_PASSWORD"),
                  port: dwh.port)
    }

    /// The CreateCluster request's content, once the role exists and the password is acceptable.
    public func clusterSpec(roleARN: String) throws(ProvisioningError) -> RedshiftClusterSpec {
        guard let password = masterPassword, !password.isEmpty else {
            throw .passwordMissing(location: passwordLocation)
        }
        if let problem = RedshiftClusterSpec.passwordProblem(password) {
            throw .passwordRejected(location: passwordLocation, reason: problem)
        }
        return RedshiftClusterSpec(identifier: clusterIdentifier, clusterType: clusterType, nodeType: nodeType,
                                   numberOfNodes: numberOfNodes, database: database, masterUsername: masterUsername,
                                   masterPassword: password, port: port, iamRoleARNs: [roleARN])
    }
}
