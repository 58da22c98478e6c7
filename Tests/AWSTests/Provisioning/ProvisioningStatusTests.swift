@testable import AWS
import Foundation
import Testing

@Suite struct ProvisioningStatusTests {
    typealias Plan = ProvisioningPlanTests

    @Test func statusLinesForAProvisionedTarget() {
        var observed = Plan.everything
        observed.cluster?.created = Date(timeIntervalSince1970: 1_795_538_970)
        let status = ProvisioningStatus(target: Plan.target, observed: observed,
                                        identity: CallerIdentity(account: "123456789012", arn: "arn:aws:sts::123456789012:user/moto", userID: "u"),
                                        region: "us-east-1", endpoint: "http://127.0.0.1:5000")
        #expect(status.lines == [
            "account  123456789012",
            "region   us-east-1 (endpoint http://127.0.0.1:5000)",
            "role     arn:aws:iam::123456789012:role/dwhRole  policies: AmazonS3ReadOnlyAccess",
            "cluster  dwhcluster  available  dc2.large × 4  endpoint dwhcluster.abc.us-east-1.redshift.amazonaws.com:5439  created 2026-11-24T16:49:30Z",
            "ingress  sg-1 tcp 5439 from 127.0.0.1/32 (sparkify)",
        ])
    }

    @Test func statusLinesWhenNothingExists() {
        let status = ProvisioningStatus(target: Plan.target, observed: ObservedResources(), identity: nil,
                                        region: "us-west-2", endpoint: nil)
        #expect(status.lines == [
            "region   us-west-2",
            "role     dwhRole: none (run `sparkify iac up`)",
            "cluster  dwhCluster: none (run `sparkify iac up`)",
            "ingress  none on the cluster port",
        ])
    }

    @Test func statusJSONUsesSnakeCaseKeys() throws {
        let status = ProvisioningStatus(target: Plan.target, observed: Plan.everything, identity: nil,
                                        region: "us-east-1", endpoint: nil)
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        #expect(String(decoding: try encoder.encode(status), as: UTF8.self) == #"""
            {"cluster":{"endpoint":"dwhcluster.abc.us-east-1.redshift.amazonaws.com","identifier":"dwhcluster","node_type":"dc2.large","nodes":4,"port":5439,"status":"available","vpc_id":"vpc-1"},"cluster_identifier":"dwhCluster","ingress":[{"cidr":"127.0.0.1/32","group_id":"sg-1","port":5439,"sparkify":true}],"region":"us-east-1","role":{"arn":"arn:aws:iam::123456789012:role/dwhRole","name":"dwhRole","policies":["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"]},"role_name":"dwhRole"}
            """#)
    }

    @Test func configHintNamesTheTwoKeys() {
        #expect(ProvisioningStatus.configHint(Plan.everything) == [
            "Put these into dwh.cfg:",
            "  [CLUSTER]",
            "  HOST = dwhcluster.abc.us-east-1.redshift.amazonaws.com",
            "  DB_PORT = 5439",
            "  [IAM_ROLE]",
            "  ARN = arn:aws:iam::123456789012:role/dwhRole",
        ])
        #expect(ProvisioningStatus.configHint(ObservedResources()) == [])
    }

    @Test func eventLinesAlignInColumns() {
        #expect(ProvisioningEvent.step(.role, .created, detail: "arn:x").line == "1 IAM role   created       arn:x")
        #expect(ProvisioningEvent.step(.ingress, .alreadyDone, detail: "sg-1 tcp 5439 from 127.0.0.1/32").line
            == "3 open port  already done  sg-1 tcp 5439 from 127.0.0.1/32")
        #expect(ProvisioningEvent.clusterStatus(identifier: "dwhcluster", status: "creating", elapsedSeconds: 42).line
            == "2 cluster    creating      dwhcluster (42 s)")
    }
}
