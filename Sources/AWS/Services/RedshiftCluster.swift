import Foundation

/// A Redshift cluster as DescribeClusters / CreateCluster / DeleteCluster describe it.
public struct RedshiftCluster: Sendable, Equatable {
    public struct Endpoint: Sendable, Equatable {
        public var address: String
        public var port: Int

        public init(address: String, port: Int) {
            self.address = address
            self.port = port
        }
    }

    public var identifier: String
    public var status: RedshiftClusterStatus
    public var nodeType: String
    public var numberOfNodes: Int
    public var dbName: String?
    public var masterUsername: String?
    /// nil while the cluster is still being created on real AWS.
    public var endpoint: Endpoint?
    public var vpcID: String?
    public var vpcSecurityGroupIDs: [String]
    public var iamRoleARNs: [String]
    public var created: Date?

    public init(identifier: String, status: RedshiftClusterStatus, nodeType: String, numberOfNodes: Int,
                dbName: String? = nil, masterUsername: String? = nil, endpoint: Endpoint? = nil,
                vpcID: String? = nil, vpcSecurityGroupIDs: [String] = [], iamRoleARNs: [String] = [],
                created: Date? = nil) {
        self.identifier = identifier
        self.status = status
        self.nodeType = nodeType
        self.numberOfNodes = numberOfNodes
        self.dbName = dbName
        self.masterUsername = masterUsername
        self.endpoint = endpoint
        self.vpcID = vpcID
        self.vpcSecurityGroupIDs = vpcSecurityGroupIDs
        self.iamRoleARNs = iamRoleARNs
        self.created = created
    }

    /// Parses a `<Cluster>` element.
    init(xml cluster: XMLElement, action: String) throws(AWSError) {
        identifier = try cluster.required("ClusterIdentifier", .redshift, action)
        status = RedshiftClusterStatus(try cluster.required("ClusterStatus", .redshift, action))
        nodeType = cluster.value("NodeType") ?? ""
        numberOfNodes = cluster.value("NumberOfNodes").flatMap { Int($0) } ?? 0
        dbName = cluster.value("DBName")
        masterUsername = cluster.value("MasterUsername")
        if let address = cluster.path("Endpoint")?.value("Address"), !address.isEmpty {
            endpoint = Endpoint(address: address, port: cluster.path("Endpoint")?.value("Port").flatMap { Int($0) } ?? 5439)
        }
        vpcID = cluster.value("VpcId")
        vpcSecurityGroupIDs = cluster.child("VpcSecurityGroups")?.children("VpcSecurityGroup")
            .compactMap { $0.value("VpcSecurityGroupId") } ?? []
        iamRoleARNs = cluster.child("IamRoles")?.children("ClusterIamRole")
            .compactMap { $0.value("IamRoleArn") } ?? []
        created = cluster.value("ClusterCreateTime").flatMap(S3Timestamp.iso8601)
    }
}
