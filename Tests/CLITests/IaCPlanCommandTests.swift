import Foundation
import TestSupport
import Testing

/// `sparkify iac plan` against moto: what `iac up` would call and create, what exists, the cost — and
/// IAM, Redshift and EC2 exactly as they were before (checked with the aws CLI).
@Suite struct IaCPlanCommandTests {
    typealias I = IaCCommandTests
    /// This suite's cluster port: moto's default security group is shared with the other suites.
    static let port = 5447

    /// What the aws CLI says of this test's role, its policies, its cluster and the rules on its port.
    static func state(_ runner: SparkifyRunner, endpoint: String, role: String, cluster: String) async throws -> [String] {
        var state: [String] = []
        for arguments in [["iam", "get-role", "--role-name", role],
                          ["iam", "list-attached-role-policies", "--role-name", role],
                          ["redshift", "describe-clusters", "--cluster-identifier", cluster],
                          ["ec2", "describe-security-groups", "--query", "SecurityGroups[].IpPermissions[?FromPort==`\(port)`][]"]] {
            let run = try await runner.run(["aws", "--endpoint-url", endpoint, "--output", "json"] + arguments, program: "/usr/bin/env")
            // Not found is a state too: keep the error code, not the request id.
            state.append("\(run.status) " + run.stdout + (run.stderr.contains("NoSuchEntity") ? "NoSuchEntity" : "")
                + (run.stderr.contains("ClusterNotFound") ? "ClusterNotFound" : ""))
        }
        return state
    }

    static let readOnly: Set<String> = ["GetCallerIdentity", "GetRole", "ListAttachedRolePolicies", "DescribeClusters",
                                        "DescribeSecurityGroups", "DescribeVpcs"]

    @Test func planChangesNothingAndMarksWhatExistsBeforeAndAfterUp() async throws {
        let endpoint = try #require(try await TestServers.moto().endpoint)
        let runner = try I.runner()
        defer { runner.remove() }
        let suffix = UUID().uuidString.prefix(8).lowercased()
        let role = "plan-role-\(suffix)"
        let cluster = "plan-cluster-\(suffix)"
        let config = try I.config(in: runner.directory, endpoint: endpoint, role: role, cluster: cluster, port: Self.port)

        func plan() async throws -> (objects: [[String: Any]], result: [String: Any]) {
            let before = try await Self.state(runner, endpoint: endpoint, role: role, cluster: cluster)
            let run = try await runner.run(["iac", "plan", "--config", config, "--json"])
            #expect(run.status == 0, "\(run.stderr)")
            #expect(try await Self.state(runner, endpoint: endpoint, role: role, cluster: cluster) == before)
            let objects = SparkifyRunner.objects(run)
            // A look's calls fold into its `observed` line ("IAM GetRole 200 …"); any other is an `aws_call` line.
            let calls = objects.filter { $0["event"] as? String == "aws_call" }.compactMap { $0["action"] as? String }
                + objects.filter { $0["event"] as? String == "observed" }.flatMap { $0["detail"] as? [String] ?? [] }
                    .map { $0.split(separator: " ").dropFirst().first.map(String.init) ?? $0 }
            #expect(!calls.isEmpty && Set(calls).isSubset(of: Self.readOnly), "\(calls)")
            return (objects, try #require(objects.last))
        }
        func exists(_ result: [String: Any]) -> [String] {
            (result["resources"] as? [[String: Any]] ?? []).map { "\($0["kind"] ?? "?") \($0["exists"] as? Bool == true)" }
        }

        let fresh = try await plan()
        #expect(fresh.result["event"] as? String == "result")
        #expect(fresh.result["step"] as? String == "plan")
        #expect(fresh.result["outcome"] as? String == "succeeded")
        #expect(fresh.result["detail"] as? String == "4 to create, 0 existing")
        #expect(exists(fresh.result) == ["role false", "policy false", "cluster false", "ingress false"])
        let clusterResource = try #require((fresh.result["resources"] as? [[String: Any]])?[2])
        #expect(clusterResource["name"] as? String == cluster)
        #expect(clusterResource["detail"] as? String == "multi-node dc2.large × 2, database dwh, user dwhuser, port \(Self.port)")
        let calls = try #require(fresh.result["calls"] as? [String])
        #expect(calls.map { $0.split(separator: " ").prefix(2).joined(separator: " ") } == [
            "iam CreateRole", "iam AttachRolePolicy", "redshift CreateCluster", "redshift DescribeClusters",
            "ec2 AuthorizeSecurityGroupIngress",
        ])
        #expect(calls.last?.hasSuffix(" tcp \(Self.port) from 127.0.0.1/32") == true, "\(calls)")
        let cost = try #require(fresh.result["cost"] as? [String: Any])
        #expect(cost["node_type"] as? String == "dc2.large")
        #expect(cost["nodes"] as? Int == 2)
        #expect(cost["per_hour"] as? Double == 0.5)
        #expect(cost["per_month"] as? Double == 365.0)
        #expect(fresh.result["emulated"] as? Bool == true)
        #expect(fresh.result["stops"] == nil)

        let up = try await runner.run(["iac", "up", "--config", config])
        #expect(up.status == 0, "\(up.stderr)")
        let built = try await plan()
        #expect(exists(built.result) == ["role true", "policy true", "cluster true", "ingress true"])
        #expect(built.result["calls"] as? [String] == [])
        #expect(built.result["detail"] as? String == "0 to create, 4 existing")

        let down = try await runner.run(["iac", "down", "--yes", "--config", config])
        #expect(down.status == 0, "\(down.stderr)")
    }

    @Test func theTextSaysWhatWouldBeCreatedAndWhatItCosts() async throws {
        let endpoint = try #require(try await TestServers.moto().endpoint)
        let runner = try I.runner()
        defer { runner.remove() }
        let suffix = UUID().uuidString.prefix(8).lowercased()
        let role = "plantext-role-\(suffix)"
        let cluster = "plantext-cluster-\(suffix)"
        // A port of its own: the other test opens Self.port in the shared group.
        let port = Self.port + 1
        let config = try I.config(in: runner.directory, endpoint: endpoint, role: role, cluster: cluster, port: port)

        let run = try await runner.run(["iac", "plan", "--config", config])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr == "")
        let lines = run.lines
        #expect(lines.count == 8, "\(run.stdout)")
        guard lines.count == 8 else { return }
        #expect(lines[0] == "plan for \(cluster) in us-east-1 (an emulator, not AWS)")
        #expect(lines[1] == "create  role     \(role)  assumable by Redshift")
        #expect(lines[2] == "create  policy   arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess  attached to \(role)")
        #expect(lines[3] == "create  cluster  \(cluster)  multi-node dc2.large × 2, database dwh, user dwhuser, port \(port)")
        // moto's default group has an id of its own.
        #expect(lines[4].hasPrefix("create  ingress  tcp \(port) from 127.0.0.1/32  in sg-"), "\(lines[4])")
        #expect(lines[4].hasSuffix(" (default)"), "\(lines[4])")
        #expect(lines[5].hasPrefix("calls    iam CreateRole \(role); iam AttachRolePolicy arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess "
            + "to \(role); redshift CreateCluster \(cluster); redshift DescribeClusters until \(cluster) is available (now creating); "
            + "ec2 AuthorizeSecurityGroupIngress sg-"), "\(lines[5])")
        #expect(lines[6] == "cost     $0.50/h, $365.00 a month (dc2.large × 2 on demand, US East / US West prices) on real AWS; "
            + "an emulator costs nothing")
        #expect(lines[7] == "nothing was changed; `sparkify iac up` makes these calls")
    }

    @Test func whenAWSCannotBeAskedThereIsNoPlanAndTheCommandFails() async throws {
        let runner = try I.runner()
        defer { runner.remove() }
        // Nothing listens on the discard port: every look fails at once.
        let config = try I.config(in: runner.directory, endpoint: "http://127.0.0.1:9", role: "never", cluster: "never")
        let text = try await runner.run(["iac", "plan", "--config", config])
        #expect(text.status == 1)
        #expect(text.stdout == "")
        #expect(text.stderr.hasPrefix("error: IAM GetRole failed: NetworkFailure: 127.0.0.1: Couldn't connect to server"), "\(text.stderr)")
        let json = try await runner.run(["iac", "plan", "--config", config, "--json"])
        #expect(json.status == 1)
        let last = try #require(SparkifyRunner.objects(json).last)
        #expect(last["step"] as? String == "plan")
        #expect(last["outcome"] as? String == "failed")
        #expect((last["detail"] as? String)?.hasPrefix("IAM GetRole failed: NetworkFailure") == true)
        #expect(last["resources"] == nil)
    }
}
