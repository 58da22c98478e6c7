@testable import AWS
import Config
import Foundation
import Testing

@Suite struct RedshiftClientTests {
    // Sample response of DescribeClusters in the Redshift API Reference (API_DescribeClusters.html).
    static let describeSample = """
        <DescribeClustersResponse xmlns="http://redshift.amazonaws.com/doc/2012-12-01/">
          <DescribeClustersResult>
            <Clusters>
              <Cluster>
                <AllowVersionUpgrade>true</AllowVersionUpgrade>
                <ClusterIdentifier>mycluster</ClusterIdentifier>
                <ClusterRevisionNumber>11978</ClusterRevisionNumber>
                <NumberOfNodes>1</NumberOfNodes>
                <ClusterPublicKey>ssh-rsa AAAABexamplepublickey...LzrwzEXAMPLE Amazon-Redshift</ClusterPublicKey>
                <AvailabilityZone>us-east-2f</AvailabilityZone>
                <ClusterVersion>1.0</ClusterVersion>
                <ManualSnapshotRetentionPeriod>-1</ManualSnapshotRetentionPeriod>
                <ClusterAvailabilityStatus>Available</ClusterAvailabilityStatus>
                <Endpoint>
                  <Port>5439</Port>
                  <Address>mycluster.cmeaswqeuae.us-east-2.redshift.amazonaws.com</Address>
                </Endpoint>
                <VpcId>vpc-a1abc1a1</VpcId>
                <PubliclyAccessible>false</PubliclyAccessible>
                <ClusterCreateTime>2019-12-23T23:21:27.977Z</ClusterCreateTime>
                <MasterUsername>adminuser</MasterUsername>
                <DBName>dev</DBName>
                <EnhancedVpcRouting>false</EnhancedVpcRouting>
                <IamRoles/>
                <ClusterSecurityGroups/>
                <NodeType>dc2.large</NodeType>
                <ClusterSubnetGroupName>default</ClusterSubnetGroupName>
                <Tags/>
                <VpcSecurityGroups>
                  <VpcSecurityGroup>
                    <VpcSecurityGroupId>sh-a1a123ab</VpcSecurityGroupId>
                    <Status>active</Status>
                  </VpcSecurityGroup>
                </VpcSecurityGroups>
                <ClusterParameterGroups>
                  <ClusterParameterGroup>
                    <ParameterGroupName>default.redshift-1.0</ParameterGroupName>
                    <ParameterApplyStatus>in-sync</ParameterApplyStatus>
                  </ClusterParameterGroup>
                </ClusterParameterGroups>
                <Encrypted>false</Encrypted>
                <ClusterNodes>
                  <member>
                    <PrivateIPAddress>172.31.64.51</PrivateIPAddress>
                    <NodeRole>SHARED</NodeRole>
                    <PublicIPAddress>54.162.164.238</PublicIPAddress>
                  </member>
                </ClusterNodes>
                <PendingModifiedValues/>
                <PreferredMaintenanceWindow>sun:23:15-sun:23:45</PreferredMaintenanceWindow>
                <AutomatedSnapshotRetentionPeriod>1</AutomatedSnapshotRetentionPeriod>
                <ClusterStatus>available</ClusterStatus>
              </Cluster>
            </Clusters>
          </DescribeClustersResult>
          <ResponseMetadata>
            <RequestId>e47f901c-283e-11ea-8397-219d1980588b</RequestId>
          </ResponseMetadata>
        </DescribeClustersResponse>
        """

    // Sample response of CreateCluster in the Redshift API Reference (API_CreateCluster.html), shortened
    // to the elements sparkify reads and a few it ignores.
    static let createSample = """
        <CreateClusterResponse xmlns="http://redshift.amazonaws.com/doc/2012-12-01/">
          <CreateClusterResult>
            <Cluster>
              <AllowVersionUpgrade>true</AllowVersionUpgrade>
              <ClusterIdentifier>mycluster</ClusterIdentifier>
              <NumberOfNodes>2</NumberOfNodes>
              <ClusterAvailabilityStatus>Modifying</ClusterAvailabilityStatus>
              <VpcId>vpc-a1abc1a1</VpcId>
              <MasterUsername>adminuser</MasterUsername>
              <DBName>dev</DBName>
              <IamRoles/>
              <NodeType>rg.4xlarge</NodeType>
              <VpcSecurityGroups>
                <VpcSecurityGroup>
                  <VpcSecurityGroupId>sh-a1a123ab</VpcSecurityGroupId>
                  <Status>active</Status>
                </VpcSecurityGroup>
              </VpcSecurityGroups>
              <PendingModifiedValues>
                <MasterUserPassword>****</MasterUserPassword>
              </PendingModifiedValues>
              <ClusterStatus>creating</ClusterStatus>
            </Cluster>
          </CreateClusterResult>
          <ResponseMetadata>
            <RequestId>61a11272-281d-11ea-8397-219d1980588b</RequestId>
          </ResponseMetadata>
        </CreateClusterResponse>
        """

    static func spec(type: String = "multi-node") -> RedshiftClusterSpec {
        RedshiftClusterSpec(identifier: "dwhCluster", clusterType: type, nodeType: "dc2.large", numberOfNodes: 4,
                            database: "dwh", masterUsername: "dwhuser", masterPassword: Secret("Passw0rd-secret"),
                            port: 5439, iamRoleARNs: ["arn:aws:iam::123456789012:role/dwhRole"])
    }

    @Test func createClusterCarriesTheSpecAndHidesThePassword() {
        let request = RedshiftClient.createClusterRequest(Self.spec())
        #expect(request.service == .redshift)
        #expect(request.action == "CreateCluster")
        #expect(request.version == "2012-12-01")
        #expect(request.parameters.map { "\($0.0)=\($0.1)" } == [
            "ClusterIdentifier=dwhCluster", "ClusterType=multi-node", "NodeType=dc2.large", "NumberOfNodes=4",
            "DBName=dwh", "MasterUsername=dwhuser", "MasterUserPassword=Passw0rd-secret", "Port=5439",
            "PubliclyAccessible=true", "IamRoles.IamRoleArn.1=arn:aws:iam::123456789012:role/dwhRole",
        ])
        #expect(request.description == "redshift CreateCluster ClusterIdentifier=dwhCluster ClusterType=multi-node "
            + "NodeType=dc2.large NumberOfNodes=4 DBName=dwh MasterUsername=dwhuser MasterUserPassword=<redacted> "
            + "Port=5439 PubliclyAccessible=true IamRoles.IamRoleArn.1=arn:aws:iam::123456789012:role/dwhRole")
    }

    @Test func singleNodeClustersSendNoNodeCount() {
        let request = RedshiftClient.createClusterRequest(Self.spec(type: "single-node"))
        #expect(request["ClusterType"] == "single-node")
        #expect(request["NumberOfNodes"] == nil)
    }

    @Test func deleteSkipsTheFinalSnapshotUnlessOneIsNamed() {
        #expect(RedshiftClient.deleteClusterRequest(identifier: "c", finalSnapshot: nil).parameters.map { "\($0.0)=\($0.1)" }
            == ["ClusterIdentifier=c", "SkipFinalClusterSnapshot=true"])
        #expect(RedshiftClient.deleteClusterRequest(identifier: "c", finalSnapshot: "last").parameters.map { "\($0.0)=\($0.1)" }
            == ["ClusterIdentifier=c", "SkipFinalClusterSnapshot=false", "FinalClusterSnapshotIdentifier=last"])
        #expect(RedshiftClient.describeClustersRequest(identifier: "c").parameters.map { "\($0.0)=\($0.1)" }
            == ["ClusterIdentifier=c"])
    }

    @Test func parsesTheAPIReferenceDescribeClustersSample() throws {
        let clusters = try RedshiftClient.clusters(in: try parseXML(Self.describeSample).queryResult("DescribeClusters"))
        #expect(clusters == [RedshiftCluster(
            identifier: "mycluster", status: RedshiftClusterStatus("available"), nodeType: "dc2.large",
            numberOfNodes: 1, dbName: "dev", masterUsername: "adminuser",
            endpoint: .init(address: "mycluster.cmeaswqeuae.us-east-2.redshift.amazonaws.com", port: 5439),
            vpcID: "vpc-a1abc1a1", vpcSecurityGroupIDs: ["sh-a1a123ab"], iamRoleARNs: [],
            created: clusters.first?.created)])
        #expect(clusters.first?.created.map { ($0.timeIntervalSince1970 * 1000).rounded() } == 1_577_143_287_977)
    }

    @Test func aClusterBeingCreatedHasNoEndpointYet() throws {
        let cluster = try RedshiftClient.cluster(in: try parseXML(Self.createSample).queryResult("CreateCluster"),
                                                 action: "CreateCluster")
        #expect(cluster.status.text == "creating")
        #expect(cluster.status.phase == .changing)
        #expect(cluster.endpoint == nil)
        #expect(cluster.numberOfNodes == 2)
    }

    @Test func readsIamRolesAndMotosMicrosecondTimestamps() throws {
        let xml = """
            <Cluster><ClusterIdentifier>c1</ClusterIdentifier><ClusterStatus>available</ClusterStatus>\
            <ClusterCreateTime>2026-11-24T16:49:30.096403Z</ClusterCreateTime><IamRoles><ClusterIamRole>\
            <IamRoleArn>arn:aws:iam::123456789012:role/r1</IamRoleArn><ApplyStatus>in-sync</ApplyStatus>\
            </ClusterIamRole></IamRoles><VpcSecurityGroups/></Cluster>
            """
        let cluster = try RedshiftClient.cluster(in: try parseXML("<R>\(xml)</R>"), action: "DescribeClusters")
        #expect(cluster.iamRoleARNs == ["arn:aws:iam::123456789012:role/r1"])
        #expect(cluster.vpcSecurityGroupIDs == [])
        #expect(cluster.created.map { ($0.timeIntervalSince1970 * 1000).rounded() } == 1_795_538_970_096)
    }

    /// Every status the API reference lists (and the console's pausing / resuming), with what it means.
    static let phases: [(String, RedshiftClusterStatus.Phase)] = [
        ("available", .available), ("available, prep-for-resize", .available), ("available, resize-cleanup", .available),
        ("cancelling-resize", .changing), ("creating", .changing), ("deleting", .deleting),
        ("final-snapshot", .deleting), ("hardware-failure", .failed), ("incompatible-hsm", .failed),
        ("incompatible-network", .failed), ("incompatible-parameters", .failed), ("incompatible-restore", .failed),
        ("modifying", .changing), ("paused", .paused), ("pausing", .changing), ("rebooting", .changing),
        ("renaming", .changing), ("resizing", .changing), ("resuming", .changing), ("rotating-keys", .changing),
        ("storage-full", .failed), ("updating-hsm", .changing),
    ]

    @Test(arguments: phases)
    func statusPhases(status: String, phase: RedshiftClusterStatus.Phase) {
        #expect(RedshiftClusterStatus(status).phase == phase)
    }

    @Test func everyDocumentedStatusHasItsPhase() {
        #expect(Self.phases.map(\.0) == RedshiftClusterStatus.documented)
        // A status AWS adds later is waited out like a change (the wait's timeout ends it).
        #expect(RedshiftClusterStatus("some-new-status").phase == .changing)
    }

    @Test(arguments: [
        ("Passw0rd", nil), ("short1A", "must be 8 to 64 characters long"), ("alllower1", "needs an upper-case letter"),
        ("ALLUPPER1", "needs a lower-case letter"), ("NoDigitsHere", "needs a digit"),
        ("Has space 1a", "may only hold printable ASCII other than ' \" \\ / @ and space"),
        ("At@sign1a", "may only hold printable ASCII other than ' \" \\ / @ and space"),
    ] as [(String, String?)])
    func passwordRules(password: String, problem: String?) {
        #expect(RedshiftClusterSpec.passwordProblem(Secret(password)) == problem)
    }
}
