/// The Redshift control plane, as steps 2 and 5 use it.
public struct RedshiftClient: Sendable {
    public static let version = "2012-12-01"

    let aws: AWSClient

    public init(_ aws: AWSClient) { self.aws = aws }

    // MARK: Requests (pure)

    /// The password goes into the form body only; `description` redacts it.
    public static func createClusterRequest(_ spec: RedshiftClusterSpec) -> QueryRequest {
        var parameters: [(String, String)] = [
            ("ClusterIdentifier", spec.identifier),
            ("ClusterType", spec.clusterType),
            ("NodeType", spec.nodeType),
        ]
        // Redshift rejects NumberOfNodes for single-node clusters.
        if spec.clusterType != "single-node" { parameters.append(("NumberOfNodes", String(spec.numberOfNodes))) }
        parameters += [
            ("DBName", spec.database),
            ("MasterUsername", spec.masterUsername),
            ("MasterUserPassword", spec.masterPassword.reveal()),
            ("Port", String(spec.port)),
            // Step 3 opens the port to the operator's address: that only helps if the cluster has one.
            ("PubliclyAccessible", "true"),
        ]
        // The list member is named IamRoleArn in the API model, not "member".
        for (index, arn) in spec.iamRoleARNs.enumerated() { parameters.append(("IamRoles.IamRoleArn.\(index + 1)", arn)) }
        return QueryRequest(service: .redshift, action: "CreateCluster", version: version, parameters: parameters,
                            secretParameters: ["MasterUserPassword"])
    }

    public static func describeClustersRequest(identifier: String) -> QueryRequest {
        QueryRequest(service: .redshift, action: "DescribeClusters", version: version,
                     parameters: [("ClusterIdentifier", identifier)])
    }

    /// Skips the final snapshot unless a snapshot identifier is given.
    public static func deleteClusterRequest(identifier: String, finalSnapshot: String?) -> QueryRequest {
        var parameters = [("ClusterIdentifier", identifier)]
        if let finalSnapshot {
            parameters += [("SkipFinalClusterSnapshot", "false"), ("FinalClusterSnapshotIdentifier", finalSnapshot)]
        } else {
            parameters.append(("SkipFinalClusterSnapshot", "true"))
        }
        return QueryRequest(service: .redshift, action: "DeleteCluster", version: version, parameters: parameters)
    }

    // MARK: Responses (pure)

    /// The `<Cluster>` of a CreateCluster / DeleteCluster result.
    public static func cluster(in result: XMLElement, action: String) throws(AWSError) -> RedshiftCluster {
        guard let cluster = result.child("Cluster") else { throw .incomplete(.redshift, action, missing: "Cluster") }
        return try RedshiftCluster(xml: cluster, action: action)
    }

    /// Every cluster of a DescribeClusters result.
    public static func clusters(in result: XMLElement) throws(AWSError) -> [RedshiftCluster] {
        var clusters: [RedshiftCluster] = []
        for cluster in result.child("Clusters")?.children("Cluster") ?? [] {
            clusters.append(try RedshiftCluster(xml: cluster, action: "DescribeClusters"))
        }
        return clusters
    }

    // MARK: Calls

    /// Throws `ClusterAlreadyExists` when a cluster of that identifier exists.
    public func createCluster(_ spec: RedshiftClusterSpec) async throws(AWSError) -> RedshiftCluster {
        try Self.cluster(in: try await aws.perform(Self.createClusterRequest(spec)), action: "CreateCluster")
    }

    /// The cluster, or nil when Redshift says `ClusterNotFound`.
    public func cluster(identifier: String) async throws(AWSError) -> RedshiftCluster? {
        do {
            return try Self.clusters(in: try await aws.perform(Self.describeClustersRequest(identifier: identifier)))
                // Redshift stores identifiers in lower case: `dwhCluster` comes back as `dwhcluster`.
                .first { $0.identifier.lowercased() == identifier.lowercased() }
        } catch where error.code == "ClusterNotFound" {
            return nil
        }
    }

    /// Throws `ClusterNotFound` when it is already gone.
    public func deleteCluster(identifier: String, finalSnapshot: String?) async throws(AWSError) -> RedshiftCluster {
        try Self.cluster(in: try await aws.perform(Self.deleteClusterRequest(identifier: identifier,
                                                                          finalSnapshot: finalSnapshot)),
                         action: "DeleteCluster")
    }
}
