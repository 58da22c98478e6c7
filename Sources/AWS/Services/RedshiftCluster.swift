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
        identifier = try cluster.required("ClusterIdentifier", in: action)
        status = RedshiftClusterStatus(try cluster.required("ClusterStatus", in: action))
        nodeType = cluster.child("NodeType")?.text ?? ""
        numberOfNodes = cluster.child("NumberOfNodes").flatMap { Int($0.text) } ?? 0
        dbName = cluster.child("DBName")?.text
        masterUsername = cluster.child("MasterUsername")?.text
        if let address = cluster.path("Endpoint", "Address")?.text, !address.isEmpty {
            endpoint = Endpoint(address: address, port: cluster.path("Endpoint", "Port").flatMap { Int($0.text) } ?? 5439)
        }
        vpcID = cluster.child("VpcId")?.text
        vpcSecurityGroupIDs = cluster.child("VpcSecurityGroups")?.children("VpcSecurityGroup")
            .compactMap { $0.child("VpcSecurityGroupId")?.text } ?? []
        iamRoleARNs = cluster.child("IamRoles")?.children("ClusterIamRole")
            .compactMap { $0.child("IamRoleArn")?.text } ?? []
        created = cluster.child("ClusterCreateTime").flatMap { AWSTimestamp.parse($0.text) }
    }
}
