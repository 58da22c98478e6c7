import Foundation

/// A snapshot of a cluster as DescribeClusterSnapshots describes it: what `iac down --snapshot` leaves
/// behind and `iac up --from-snapshot` restores.
public struct RedshiftClusterSnapshot: Sendable, Equatable {
    public var identifier: String
    public var clusterIdentifier: String
    /// creating, available, final snapshot, failed, deleted.
    public var status: String
    /// manual (a final snapshot is one) or automated.
    public var type: String?
    public var nodeType: String?
    public var numberOfNodes: Int?
    public var created: Date?

    public init(identifier: String, clusterIdentifier: String, status: String, type: String? = nil,
                nodeType: String? = nil, numberOfNodes: Int? = nil, created: Date? = nil) {
        self.identifier = identifier
        self.clusterIdentifier = clusterIdentifier
        self.status = status
        self.type = type
        self.nodeType = nodeType
        self.numberOfNodes = numberOfNodes
        self.created = created
    }

    /// Why Redshift would refuse `identifier` as a snapshot's name, or nil when it follows the rules
    /// (1–255 letters, digits and hyphens, starting with a letter, no `--`, not ending in `-`): checked
    /// before a cluster is deleted, so a typo cannot cost the final snapshot.
    public static func identifierProblem(_ identifier: String) -> String? {
        guard (1...255).contains(identifier.count) else { return "must be 1 to 255 characters long" }
        guard identifier.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) else {
            return "may only hold letters, digits and hyphens"
        }
        guard identifier.first!.isLetter else { return "must start with a letter" }
        if identifier.contains("--") || identifier.hasSuffix("-") { return "may not hold two hyphens in a row or end with one" }
        return nil
    }

    /// Parses a `<Snapshot>` element.
    init(xml snapshot: XMLElement, action: String) throws(AWSError) {
        identifier = try snapshot.required("SnapshotIdentifier", .redshift, action)
        clusterIdentifier = snapshot.value("ClusterIdentifier") ?? ""
        status = snapshot.value("Status") ?? "unknown"
        type = snapshot.value("SnapshotType")
        nodeType = snapshot.value("NodeType")
        numberOfNodes = snapshot.value("NumberOfNodes").flatMap { Int($0) }
        created = snapshot.value("SnapshotCreateTime").flatMap(S3Timestamp.iso8601)
    }
}
