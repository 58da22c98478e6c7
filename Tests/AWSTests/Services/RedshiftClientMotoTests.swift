@testable import AWS
import Config
import Testing

@Suite struct RedshiftClientMotoTests {
    @Test func clusterLifecycleWithExistingAndMissingAsStates() async throws {
        let (aws, records) = try await motoClient()
        let redshift = RedshiftClient(aws)
        let identifier = uniqueName("rs-cluster")
        let password = "Pw1-" + uniqueName("secret")
        let spec = RedshiftClusterSpec(identifier: identifier, clusterType: "multi-node", nodeType: "dc2.large",
                                       numberOfNodes: 2, database: "dwh", masterUsername: "dwhuser",
                                       masterPassword: Secret(password), port: 5439,
                                       iamRoleARNs: ["arn:aws:iam::123456789012:role/some-role"])

        #expect(try await redshift.cluster(identifier: identifier) == nil)
        let created = try await redshift.createCluster(spec)
        #expect(created.identifier == identifier)
        #expect(created.status.text == "creating")
        #expect(created.numberOfNodes == 2)

        let duplicate = await awsErrorCode { () async throws(AWSError) in _ = try await redshift.createCluster(spec) }
        #expect(duplicate?.code == "ClusterAlreadyExists")
        #expect(duplicate?.requestID?.isEmpty == false)
        #expect(duplicate.map { "\($0)" }?.contains(password) == false)

        let described = try #require(try await redshift.cluster(identifier: identifier))
        #expect(described.status.phase == .available)
        #expect(described.nodeType == "dc2.large")
        #expect(described.dbName == "dwh")
        #expect(described.masterUsername == "dwhuser")
        #expect(described.endpoint?.port == 5439)
        #expect(described.endpoint?.address.hasPrefix(identifier) == true)
        #expect(described.iamRoleARNs == ["arn:aws:iam::123456789012:role/some-role"])
        #expect(described.created != nil)

        _ = try await redshift.deleteCluster(identifier: identifier, finalSnapshot: nil)
        #expect(try await redshift.cluster(identifier: identifier) == nil)
        let gone = await awsErrorCode { () async throws(AWSError) in
            _ = try await redshift.deleteCluster(identifier: identifier, finalSnapshot: nil)
        }
        #expect(gone?.code == "ClusterNotFound")

        // The password never shows up in what the observer sees.
        let calls = records.all
        #expect(calls.map(\.action).contains("CreateCluster"))
        #expect(!"\(calls)".contains(password))
    }

    @Test func deletingWithAFinalSnapshot() async throws {
        let (aws, _) = try await motoClient()
        let redshift = RedshiftClient(aws)
        let identifier = uniqueName("rs-snap")
        _ = try await redshift.createCluster(RedshiftClusterSpec(
            identifier: identifier, clusterType: "single-node", nodeType: "dc2.large", numberOfNodes: 1,
            database: "dwh", masterUsername: "u", masterPassword: Secret("Passw0rd"), port: 5439, iamRoleARNs: []))
        #expect(try await redshift.cluster(identifier: identifier)?.numberOfNodes == 1)
        let deleted = try await redshift.deleteCluster(identifier: identifier, finalSnapshot: identifier + "-final")
        #expect(deleted.identifier == identifier)
        #expect(try await redshift.cluster(identifier: identifier) == nil)
    }
}
