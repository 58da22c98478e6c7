import Foundation
import TestSupport
import Testing

/// `sparkify iac` as scripts run it, against moto, checked with the aws CLI: steps 1–3 and 5 on the
/// runbook engine, their text lines and their `--json` events.
@Suite struct IaCCommandTests {
    /// A runner with moto's fake credentials (HOME in a temp dir: no ~/.aws profiles).
    static func runner() throws -> SparkifyRunner {
        try SparkifyRunner(environment: ["AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
                                         "AWS_DEFAULT_REGION": "us-east-1"])
    }

    /// A dwh.cfg (mode 0600) naming a role and cluster of this test only.
    /// `port`: the cluster's; tests running at once use different ones, since moto's default security
    /// group is shared and a rule for the same port and address would be a duplicate.
    static func config(in directory: String, endpoint: String, role: String, cluster: String, port: Int = 5439) throws -> String {
        let path = directory + "/dwh.cfg"
        try """
            [AWS]
            ENDPOINT = \(endpoint)
            REGION = us-east-1
            [DWH]
            DWH_CLUSTER_TYPE = multi-node
            DWH_NUM_NODES = 2
            DWH_NODE_TYPE = dc2.large
            DWH_IAM_ROLE_NAME = \(role)
            DWH_CLUSTER_IDENTIFIER = \(cluster)
            DWH_DB = dwh
            DWH_DB_USER = dwhuser
            DWH_DB_PASSWORD = 'Passw0rd'
            DWH_PORT = \(port)
            """.write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        return path
    }

    /// The runbook lines ("1 IAM role     created arn:…"), cut after the detail's first word.
    static func steps(_ run: SparkifyRunner.Run) -> [String] {
        run.lines.filter { $0.first?.isNumber == true }.map { line in
            let detail = line.dropFirst(15)
            return String(line.prefix(15)) + (detail.split(separator: " ").first.map(String.init) ?? "")
        }
    }

    /// The `event` of each line.
    static func events(_ objects: [[String: Any]]) -> [String] { objects.map { $0["event"] as? String ?? "?" } }

    @Test func upTwiceThenDownLeavesNoRoleClusterOrIngress() async throws {
        let endpoint = try #require(try await TestServers.moto().endpoint)
        let runner = try Self.runner()
        defer { runner.remove() }
        let suffix = UUID().uuidString.prefix(8).lowercased()
        let role = "cli-role-\(suffix)"
        let cluster = "cli-cluster-\(suffix)"
        let config = try Self.config(in: runner.directory, endpoint: endpoint, role: role, cluster: cluster)
        func awsCLI(_ arguments: String...) async throws -> SparkifyRunner.Run {
            try await runner.run(["aws", "--endpoint-url", endpoint, "--output", "json"] + arguments, program: "/usr/bin/env")
        }

        let first = try await runner.run(["iac", "up", "--config", config])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(Self.steps(first) == [
            "1 IAM role     created", "1 IAM role     attached", "1 IAM role     done",
            "2 Cluster      creating", "2 Cluster      available", "2 Cluster      done",
            "3 Open port    authorized", "3 Open port    done",
        ])
        #expect(first.stdout.contains("ingress   tcp 5439 from 127.0.0.1/32\n"))
        #expect(first.stdout.contains("  ARN = arn:aws:iam::123456789012:role/\(role)\n"))
        #expect(first.stdout.contains("  [CLUSTER]\n  HOST = \(cluster)"))
        // An emulator costs nothing: no warning about money.
        #expect(first.stderr == "")

        let second = try await runner.run(["iac", "up", "--config", config])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(Self.steps(second) == [
            "1 IAM role     already", "1 IAM role     done", "2 Cluster      already", "2 Cluster      done",
            "3 Open port    already", "3 Open port    done",
        ])

        let text = try await runner.run(["iac", "status", "--config", config])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("\n2 Cluster      done     dc2.large × 2 "), "\(text.stdout)")
        #expect(text.stdout.contains("\nrole     arn:aws:iam::123456789012:role/\(role)\n"), "\(text.stdout)")
        #expect(text.stdout.contains("\ningress  tcp 5439 from 127.0.0.1/32\n"), "\(text.stdout)")
        #expect(text.stdout.contains("\ncost     none (an emulator, not AWS)\n"), "\(text.stdout)")

        // The aws CLI sees the three resources; the rule is the operator's address, not 0.0.0.0/0.
        #expect(try await awsCLI("iam", "get-role", "--role-name", role).status == 0)
        let described = try await awsCLI("redshift", "describe-clusters", "--cluster-identifier", cluster)
        #expect(described.status == 0)
        #expect(described.stdout.contains("\"ClusterStatus\": \"available\""))
        let ours = "IpRanges[?Description=='sparkify iac \(cluster)'][].CidrIp"
        let marked = try await awsCLI("ec2", "describe-security-groups", "--query",
                                      "SecurityGroups[].IpPermissions[?FromPort==`5439`][].\(ours)")
        #expect(marked.stdout.filter { !$0.isWhitespace } == #"["127.0.0.1/32"]"#)

        let unconfirmed = try await runner.run(["iac", "down", "--config", config])
        #expect(unconfirmed.status == 2)
        #expect(unconfirmed.stderr.contains("Clean up will delete cluster \(cluster) and all its data (no final snapshot), "
            + "revoke its ingress rule and delete role \(role). pass --yes to confirm"), "\(unconfirmed.stderr)")
        #expect(try await awsCLI("iam", "get-role", "--role-name", role).status == 0)

        let down = try await runner.run(["iac", "down", "--yes", "--config", config])
        #expect(down.status == 0, "\(down.stderr)")
        #expect(down.lines.last == "5 Clean up     done nothing of \(cluster) / \(role) remains")

        let role404 = try await awsCLI("iam", "get-role", "--role-name", role)
        #expect(role404.status != 0)
        #expect(role404.stderr.contains("NoSuchEntity"))
        let cluster404 = try await awsCLI("redshift", "describe-clusters", "--cluster-identifier", cluster)
        #expect(cluster404.status != 0)
        #expect(cluster404.stderr.contains("ClusterNotFound"))
        let unmarked = try await awsCLI("ec2", "describe-security-groups", "--query",
                                        "SecurityGroups[].IpPermissions[][].\(ours)")
        #expect(unmarked.stdout.filter { !$0.isWhitespace } == "[]")
    }

    /// `--json`: the engine's events, one vocabulary (no `step` / `cluster_status` lines of their own),
    /// each line an object, ending in the `result` of the last step.
    @Test func upStatusAndDownPrintTheEnginesEventsAndEndInAResult() async throws {
        let endpoint = try #require(try await TestServers.moto().endpoint)
        let runner = try Self.runner()
        defer { runner.remove() }
        let suffix = UUID().uuidString.prefix(8).lowercased()
        let config = try Self.config(in: runner.directory, endpoint: endpoint, role: "json-role-\(suffix)",
                                     cluster: "json-cluster-\(suffix)", port: 5441)

        let up = try await runner.run(["iac", "up", "--config", config, "--json"])
        #expect(up.status == 0, "\(up.stderr)")
        let upObjects = SparkifyRunner.objects(up)
        #expect(Set(Self.events(upObjects)).isSubset(of: ["step_state", "aws_call", "cluster", "result", "counts", "sql", "observed"]),
                "\(Self.events(upObjects))")
        let results = upObjects.filter { $0["event"] as? String == "result" }
        #expect(results.map { "\($0["step"] ?? "") \($0["outcome"] ?? "")" }
            == ["iam_role succeeded", "cluster succeeded", "open_port succeeded"])
        // Each step's news reaches its runbook line.
        #expect(upObjects.contains { $0["step"] as? String == "cluster" && $0["state"] as? String == "running"
            && ($0["detail"] as? String)?.hasPrefix("creating json-cluster-\(suffix) dc2.large × 2") == true })
        #expect(upObjects.contains { $0["event"] as? String == "aws_call" && $0["action"] as? String == "CreateCluster" })

        let status = try await runner.run(["iac", "status", "--config", config, "--json"])
        #expect(status.status == 0, "\(status.stderr)")
        let last = try #require(SparkifyRunner.objects(status).last)
        #expect(last["event"] as? String == "result")
        #expect(last["step"] as? String == "status")
        let cluster = try #require(last["cluster"] as? [String: Any])
        #expect(cluster["status"] as? String == "available")
        #expect(cluster["role_arn"] as? String == "arn:aws:iam::123456789012:role/json-role-\(suffix)")
        #expect(cluster["ingress"] as? String == "tcp 5441 from 127.0.0.1/32")
        // An emulator's cluster has no cost.
        #expect(last["cost"] == nil)

        let down = try await runner.run(["iac", "down", "--yes", "--config", config, "--json"])
        #expect(down.status == 0, "\(down.stderr)")
        let downObjects = SparkifyRunner.objects(down)
        let end = try #require(downObjects.last)
        #expect(end["event"] as? String == "result")
        #expect(end["step"] as? String == "clean_up")
        #expect(end["outcome"] as? String == "succeeded")
        #expect(!Self.events(downObjects).contains("step") && !Self.events(downObjects).contains("cluster_status"))
    }

    @Test func anywhereNeedsItsFlag() async throws {
        let runner = try Self.runner()
        defer { runner.remove() }
        let config = try Self.config(in: runner.directory, endpoint: "http://127.0.0.1:9", role: "never", cluster: "never")
        let refused = try await runner.run(["iac", "up", "--config", config, "--cidr", "0.0.0.0/0"])
        #expect(refused.status == 2)
        #expect(refused.stderr.hasPrefix("Error: 0.0.0.0/0 would open port 5439 to the whole internet; pass --allow-anywhere "
            + "if you really mean it, or --cidr YOUR.ADDRESS/32\nUsage: sparkify iac up "), "\(refused.stderr)")
        #expect(refused.stdout == "")
    }
}
