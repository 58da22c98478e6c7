@testable import AWS
import Config
import Foundation
import Testing

/// PauseCluster, ResumeCluster, DescribeClusterSnapshots and RestoreFromClusterSnapshot: requests as
/// literals, then the round trips against moto.
@Suite struct RedshiftPauseAndSnapshotTests {
    static func form(_ request: QueryRequest) -> [String] { request.parameters.map { "\($0.0)=\($0.1)" } }

    @Test func requestsNameTheClusterAndRestoreTakesStep2sPortAndRole() {
        #expect(RedshiftClient.pauseClusterRequest(identifier: "c").action == "PauseCluster")
        #expect(Self.form(RedshiftClient.pauseClusterRequest(identifier: "c")) == ["ClusterIdentifier=c"])
        #expect(RedshiftClient.resumeClusterRequest(identifier: "c").action == "ResumeCluster")
        #expect(Self.form(RedshiftClient.resumeClusterRequest(identifier: "c")) == ["ClusterIdentifier=c"])
        #expect(Self.form(RedshiftClient.describeClusterSnapshotsRequest(clusterIdentifier: "c")) == ["ClusterIdentifier=c"])
        let restore = RedshiftClient.restoreFromClusterSnapshotRequest(identifier: "c", snapshot: "s1", port: 5439,
                                                                        iamRoleARNs: ["arn:aws:iam::123456789012:role/r"])
        #expect(restore.action == "RestoreFromClusterSnapshot")
        #expect(Self.form(restore) == ["ClusterIdentifier=c", "SnapshotIdentifier=s1", "Port=5439", "PubliclyAccessible=true",
                                       "IamRoles.IamRoleArn.1=arn:aws:iam::123456789012:role/r"])
    }

    @Test func snapshotIdentifiersRedshiftWouldRefuseAreNamedBeforeAnyCall() {
        #expect(RedshiftClusterSnapshot.identifierProblem("s1") == nil)
        #expect(RedshiftClusterSnapshot.identifierProblem("dwh-final-2026") == nil)
        #expect(RedshiftClusterSnapshot.identifierProblem("") == "must be 1 to 255 characters long")
        #expect(RedshiftClusterSnapshot.identifierProblem("1st") == "must start with a letter")
        #expect(RedshiftClusterSnapshot.identifierProblem("my_snap") == "may only hold letters, digits and hyphens")
        #expect(RedshiftClusterSnapshot.identifierProblem("a--b") == "may not hold two hyphens in a row or end with one")
        #expect(RedshiftClusterSnapshot.identifierProblem("ab-") == "may not hold two hyphens in a row or end with one")
    }

    @Test func parsesDescribeClusterSnapshots() throws {
        let xml = """
            <DescribeClusterSnapshotsResponse xmlns="http://redshift.amazonaws.com/doc/2012-12-01/"><DescribeClusterSnapshotsResult>\
            <Snapshots><Snapshot><SnapshotIdentifier>s1</SnapshotIdentifier><ClusterIdentifier>c1</ClusterIdentifier>\
            <SnapshotCreateTime>2026-12-01T21:29:07.826Z</SnapshotCreateTime><Status>available</Status>\
            <SnapshotType>manual</SnapshotType><NodeType>dc2.large</NodeType><NumberOfNodes>1</NumberOfNodes></Snapshot></Snapshots>\
            </DescribeClusterSnapshotsResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></DescribeClusterSnapshotsResponse>
            """
        let snapshots = try RedshiftClient.snapshots(in: try parseXML(xml).queryResult("DescribeClusterSnapshots"))
        #expect(snapshots == [RedshiftClusterSnapshot(identifier: "s1", clusterIdentifier: "c1", status: "available", type: "manual",
                                                      nodeType: "dc2.large", numberOfNodes: 1,
                                                      created: S3Timestamp.iso8601("2026-12-01T21:29:07.826Z"))])
    }

    @Test func pauseAndResumeAgainstMoto() async throws {
        let (aws, _) = try await motoClient()
        let redshift = RedshiftClient(aws)
        let identifier = uniqueName("rs-pause")
        _ = try await redshift.createCluster(Self.spec(identifier))
        #expect(try await redshift.pauseCluster(identifier: identifier).status.text == "paused")
        #expect(try await redshift.cluster(identifier: identifier)?.status.phase == .paused)
        #expect(try await redshift.resumeCluster(identifier: identifier).status.text == "available")
        #expect(try await redshift.cluster(identifier: identifier)?.status.phase == .available)
        let missing = await awsErrorCode { () async throws(AWSError) in _ = try await redshift.pauseCluster(identifier: identifier + "-x") }
        #expect(missing?.code == "ClusterNotFound")
        _ = try await redshift.deleteCluster(identifier: identifier, finalSnapshot: nil)
    }

    @Test func aFinalSnapshotOutlivesItsClusterAndRestoresIt() async throws {
        let (aws, _) = try await motoClient()
        let redshift = RedshiftClient(aws)
        let identifier = uniqueName("rs-restore")
        // Other tests' snapshots share this moto: none of them is this cluster's.
        #expect(try await redshift.snapshots(clusterIdentifier: identifier) == [])
        _ = try await redshift.createCluster(Self.spec(identifier))
        _ = try await redshift.deleteCluster(identifier: identifier, finalSnapshot: identifier + "-s1")
        #expect(try await redshift.cluster(identifier: identifier) == nil)

        let snapshots = try await redshift.snapshots(clusterIdentifier: identifier)
        #expect(snapshots.map(\.identifier) == [identifier + "-s1"])
        #expect(snapshots.first?.clusterIdentifier == identifier)
        #expect(snapshots.first?.status == "available")

        let restored = try await redshift.restoreCluster(identifier: identifier, snapshot: identifier + "-s1", port: 5439,
                                                         iamRoleARNs: ["arn:aws:iam::123456789012:role/r"])
        #expect(restored.identifier == identifier)
        #expect(restored.dbName == "dwh")
        #expect(try await redshift.cluster(identifier: identifier)?.status.phase == .available)
        let unknown = await awsErrorCode { () async throws(AWSError) in
            _ = try await redshift.restoreCluster(identifier: identifier + "-y", snapshot: "no-such-snapshot", port: 5439, iamRoleARNs: [])
        }
        #expect(unknown?.code == "ClusterSnapshotNotFound")
        _ = try await redshift.deleteCluster(identifier: identifier, finalSnapshot: nil)
    }

    static func spec(_ identifier: String) -> RedshiftClusterSpec {
        RedshiftClusterSpec(identifier: identifier, clusterType: "single-node", nodeType: "dc2.large", numberOfNodes: 1,
                            database: "dwh", masterUsername: "u", masterPassword: Secret("Passw0rd"), port: 5439, iamRoleARNs: [])
    }
}
