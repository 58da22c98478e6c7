import Foundation
import TestSupport
import Testing

/// `sparkify iac` as scripts run it, against moto, checked with the aws CLI.
@Suite struct IaCCommandTests {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func motoEndpoint() async throws -> String {
        try #require(try await TestServers.moto().endpoint)
    }

    /// The built `sparkify`, next to this test executable.
    static func sparkifyPath() throws -> String {
        let tests = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        var directory = URL(fileURLWithPath: tests).deletingLastPathComponent()
        if directory.pathExtension == "xctest" { directory.deleteLastPathComponent() }
        let path = directory.appendingPathComponent("sparkify").path
        try #require(FileManager.default.isExecutableFile(atPath: path), "no sparkify binary at \(path)")
        return path
    }

    /// Runs a program with a clean AWS environment (HOME in a temp dir: no ~/.aws profiles).
    static func run(_ executable: String, _ arguments: [String], home: String) async throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("AWS_") }
        environment["HOME"] = home
        environment["AWS_ACCESS_KEY_ID"] = "testing"
        environment["AWS_SECRET_ACCESS_KEY"] = "testing"
        environment["AWS_DEFAULT_REGION"] = "us-east-1"
        process.environment = environment
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do { try process.run() } catch { continuation.resume(throwing: error) }
        }
        return Run(status: status,
                   stdout: String(decoding: stdout.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self),
                   stderr: String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))
    }

    /// A dwh.cfg (mode 0600) naming a role and cluster of this test only.
    static func config(in directory: String, endpoint: String, role: String, cluster: String) throws -> String {
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
            DWH_PORT = 5439
            """.write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        return path
    }

    /// Lines of runbook steps ("1 IAM role   created …"), cut after the outcome column.
    static func steps(_ output: String) -> [String] {
        output.split(separator: "\n").filter { $0.first?.isNumber == true }.map { String($0.prefix(27)) }
    }

    @Test func upTwiceThenDownLeavesNoRoleClusterOrIngress() async throws {
        let endpoint = try await Self.motoEndpoint()
        let sparkify = try Self.sparkifyPath()
        let home = try TemporaryDirectory.make("iac-cli")
        defer { try? FileManager.default.removeItem(atPath: home) }
        let suffix = UUID().uuidString.prefix(8).lowercased()
        let role = "cli-role-\(suffix)"
        let cluster = "cli-cluster-\(suffix)"
        let config = try Self.config(in: home, endpoint: endpoint, role: role, cluster: cluster)
        func awsCLI(_ arguments: String...) async throws -> Run {
            try await Self.run("/usr/bin/env", ["aws", "--endpoint-url", endpoint, "--output", "json"] + arguments,
                               home: home)
        }

        let first = try await Self.run(sparkify, ["iac", "up", "--config", config], home: home)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(Self.steps(first.stdout) == [
            "1 IAM role   created       ", "1 IAM role   attached      ", "2 cluster    creating      ",
            "2 cluster    available     ", "3 open port  authorized    ",
        ])
        #expect(first.stdout.contains("ingress   tcp 5439 from 127.0.0.1/32\n"))
        #expect(first.stdout.contains("  ARN = arn:aws:iam::123456789012:role/\(role)\n"))
        #expect(first.stdout.contains("  [CLUSTER]\n  HOST = \(cluster)"))

        let second = try await Self.run(sparkify, ["iac", "up", "--config", config], home: home)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(Self.steps(second.stdout) == [
            "1 IAM role   already done  ", "2 cluster    already done  ", "3 open port  already done  ",
        ])

        let text = try await Self.run(sparkify, ["iac", "status", "--config", config], home: home)
        #expect(text.stdout.contains("\ncost     none (an emulator, not AWS)\n"), "\(text.stdout)")
        let status = try await Self.run(sparkify, ["iac", "status", "--config", config, "--json"], home: home)
        #expect(status.status == 0, "\(status.stderr)")
        let lastLine = try #require(status.stdout.split(separator: "\n").last)
        let object = try JSONSerialization.jsonObject(with: Data(lastLine.utf8)) as? [String: Any]
        #expect((object?["role"] as? [String: Any])?["arn"] as? String == "arn:aws:iam::123456789012:role/\(role)")
        #expect((object?["cluster"] as? [String: Any])?["status"] as? String == "available")
        let ingress = (object?["ingress"] as? [[String: Any]])?.filter { $0["sparkify"] as? Bool == true }
        #expect(ingress?.compactMap { $0["cidr"] as? String } == ["127.0.0.1/32"])

        // The aws CLI sees the three resources; the rule is the operator's address, not 0.0.0.0/0.
        #expect(try await awsCLI("iam", "get-role", "--role-name", role).status == 0)
        let described = try await awsCLI("redshift", "describe-clusters", "--cluster-identifier", cluster)
        #expect(described.status == 0)
        #expect(described.stdout.contains("\"ClusterStatus\": \"available\""))
        let ours = "IpRanges[?Description=='sparkify iac \(cluster)'][].CidrIp"
        let marked = try await awsCLI("ec2", "describe-security-groups", "--query",
                                      "SecurityGroups[].IpPermissions[?FromPort==`5439`][].\(ours)")
        #expect(marked.stdout.filter { !$0.isWhitespace } == #"["127.0.0.1/32"]"#)

        let unconfirmed = try await Self.run(sparkify, ["iac", "down", "--config", config], home: home)
        #expect(unconfirmed.status == 2)
        #expect(unconfirmed.stderr.contains("pass --yes to confirm"))
        #expect(try await awsCLI("iam", "get-role", "--role-name", role).status == 0)

        let down = try await Self.run(sparkify, ["iac", "down", "--yes", "--config", config], home: home)
        #expect(down.status == 0, "\(down.stderr)")

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

    @Test func anywhereNeedsItsFlag() async throws {
        let sparkify = try Self.sparkifyPath()
        let home = try TemporaryDirectory.make("iac-cli")
        defer { try? FileManager.default.removeItem(atPath: home) }
        let config = try Self.config(in: home, endpoint: "http://127.0.0.1:9", role: "never", cluster: "never")
        let refused = try await Self.run(sparkify, ["iac", "up", "--config", config, "--cidr", "0.0.0.0/0"], home: home)
        #expect(refused.status == 2)
        #expect(refused.stderr == "error: 0.0.0.0/0 would open port 5439 to the whole internet; pass --allow-anywhere if you really mean it, or --cidr YOUR.ADDRESS/32\n")
        #expect(refused.stdout == "")
    }
}
