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

    /// PauseCluster: compute stops (and its billing); storage stays, and is billed.
    public static func pauseClusterRequest(identifier: String) -> QueryRequest {
        QueryRequest(service: .redshift, action: "PauseCluster", version: version,
                     parameters: [("ClusterIdentifier", identifier)])
    }

    public static func resumeClusterRequest(identifier: String) -> QueryRequest {
        QueryRequest(service: .redshift, action: "ResumeCluster", version: version,
                     parameters: [("ClusterIdentifier", identifier)])
    }

    /// The snapshots of one cluster (also after the cluster is gone: a final snapshot outlives it).
    public static func describeClusterSnapshotsRequest(clusterIdentifier: String) -> QueryRequest {
        QueryRequest(service: .redshift, action: "DescribeClusterSnapshots", version: version,
                     parameters: [("ClusterIdentifier", clusterIdentifier)])
    }

    /// Step 2 from a snapshot: the snapshot brings its node type, nodes, database and master user; the
    /// port, role and public address are step 2's as for CreateCluster. No password is sent: the
    /// snapshot's master password stays.
    public static func restoreFromClusterSnapshotRequest(identifier: String, snapshot: String, port: Int,
                                                         iamRoleARNs: [String]) -> QueryRequest {
        var parameters: [(String, String)] = [
            ("ClusterIdentifier", identifier),
            ("SnapshotIdentifier", snapshot),
            ("Port", String(port)),
            ("PubliclyAccessible", "true"),
        ]
        for (index, arn) in iamRoleARNs.enumerated() { parameters.append(("IamRoles.IamRoleArn.\(index + 1)", arn)) }
        return QueryRequest(service: .redshift, action: "RestoreFromClusterSnapshot", version: version,
                            parameters: parameters)
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

    /// Every snapshot of a DescribeClusterSnapshots result.
    public static func snapshots(in result: XMLElement) throws(AWSError) -> [RedshiftClusterSnapshot] {
        var snapshots: [RedshiftClusterSnapshot] = []
        for snapshot in result.child("Snapshots")?.children("Snapshot") ?? [] {
            snapshots.append(try RedshiftClusterSnapshot(xml: snapshot, action: "DescribeClusterSnapshots"))
        }
        return snapshots
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

    /// Throws `InvalidClusterState` on real AWS when the cluster is not available.
    public func pauseCluster(identifier: String) async throws(AWSError) -> RedshiftCluster {
        try Self.cluster(in: try await aws.perform(Self.pauseClusterRequest(identifier: identifier)), action: "PauseCluster")
    }

    /// Throws `InvalidClusterState` on real AWS when the cluster is not paused.
    public func resumeCluster(identifier: String) async throws(AWSError) -> RedshiftCluster {
        try Self.cluster(in: try await aws.perform(Self.resumeClusterRequest(identifier: identifier)), action: "ResumeCluster")
    }

    /// The cluster's snapshots, oldest first; none when Redshift says `ClusterNotFound` or `ClusterSnapshotNotFound`.
    public func snapshots(clusterIdentifier: String) async throws(AWSError) -> [RedshiftClusterSnapshot] {
        do {
            return try Self.snapshots(in: try await aws.perform(
                Self.describeClusterSnapshotsRequest(clusterIdentifier: clusterIdentifier)))
            // moto answers every snapshot for a cluster it does not know: keep only this cluster's.
            .filter { $0.clusterIdentifier.lowercased() == clusterIdentifier.lowercased() }
            .sorted { ($0.created ?? .distantPast) < ($1.created ?? .distantPast) }
        } catch where error.code == "ClusterNotFound" || error.code == "ClusterSnapshotNotFound" {
            return []
        }
    }

    /// Throws `ClusterSnapshotNotFound` for an unknown snapshot, `ClusterAlreadyExists` when the cluster exists.
    public func restoreCluster(identifier: String, snapshot: String, port: Int,
                               iamRoleARNs: [String]) async throws(AWSError) -> RedshiftCluster {
        try Self.cluster(in: try await aws.perform(Self.restoreFromClusterSnapshotRequest(
            identifier: identifier, snapshot: snapshot, port: port, iamRoleARNs: iamRoleARNs)),
                         action: "RestoreFromClusterSnapshot")
    }
}
