import AWS
import Config
import Foundation
import TestSupport
import Testing

/// The built binary's `iac up` and `iac down --yes` through ``ControlPlaneProxy`` — IAM lag, throttled
/// polls, a slow creation and a slow deletion in front of moto — succeed on the first try and leave
/// nothing behind. Driven through `--json` lines and exit codes only.
@Suite struct IaCRealAWSBehaviourTests {
    static func config(in directory: String, endpoint: String, role: String, cluster: String) throws -> String {
        let path = directory + "/dwh.cfg"
        try """
            [AWS]
            ENDPOINT = \(endpoint)
            REGION = us-east-1
            [DWH]
            DWH_IAM_ROLE_NAME = \(role)
            DWH_CLUSTER_IDENTIFIER = \(cluster)
            DWH_DB_PASSWORD = 'Passw0rd'
            # The lag below lasts seconds; a minute is plenty.
            DWH_IAM_RETRY_SECONDS = 60
            """.write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        return path
    }

    /// Every stdout line as a JSON object (a line that does not parse fails the test).
    static func objects(_ run: SparkifyRunner.Run) -> [[String: Any]] {
        run.lines.compactMap { line in
            let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(object != nil, "not a JSON object: \(line)")
            return object
        }
    }

    /// The retry lines: the `message` of every line that says "retrying in".
    static func retries(_ objects: [[String: Any]]) -> [String] {
        objects.compactMap { $0["message"] as? String }.filter { $0.contains(", retrying in ") }
    }

    @Test func upAndDownSucceedFirstTimeAgainstRealAWSBehaviourAndLeaveNothing() async throws {
        let proxy = try await ControlPlaneProxy.start(.init(
            iamLag: .init(attach: 1.5, createCluster: 5), throttleDescribes: .init(fraction: 0.75), creatingPolls: 5))
        let runner = try SparkifyRunner(environment: ["AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"])
        defer { runner.remove() }
        let suffix = UUID().uuidString.prefix(8).lowercased()
        let role = "e2e-role-\(suffix)", cluster = "e2e-cluster-\(suffix)"
        let config = try Self.config(in: runner.directory, endpoint: proxy.endpoint, role: role, cluster: cluster)

        let up = try await runner.run(["iac", "up", "--config", config, "--json"])
        #expect(up.status == 0, "\(up.stderr)")
        let upRetries = Self.retries(Self.objects(up))
        #expect(upRetries.contains { $0.hasPrefix("IAM role not yet visible to IAM, retrying in ") }, "\(upRetries)")
        #expect(upRetries.contains { $0.hasPrefix("IAM role not yet visible to Redshift, retrying in ") }, "\(upRetries)")
        var counters = try proxy.counters()
        #expect(counters["iam_lag_attach", default: 0] >= 1)
        #expect(counters["iam_lag_create_cluster", default: 0] >= 1)
        #expect(counters["throttled", default: 0] >= 3)
        #expect(counters["creating_polls"] == 5)

        try proxy.set(.init(deleteConflict: 1.5, throttleDescribes: .init(fraction: 0.75, retryAfterMs: 300),
                            deletingPolls: 5))
        let down = try await runner.run(["iac", "down", "--yes", "--config", config, "--json"])
        #expect(down.status == 0, "\(down.stderr)")
        #expect(Self.retries(Self.objects(down)).contains { $0.hasPrefix("detached policy not yet visible to IAM, retrying in ") })
        counters = try proxy.counters()
        #expect(counters["deleting_polls"] == 5)
        #expect(counters["delete_conflict", default: 0] >= 1)

        // Nothing is left: role, cluster, rule — moto asked directly, not through the proxy.
        let moto = Provisioner(aws: AWSClient(settings: try await TestServers.moto()))
        let target = ProvisioningTarget(roleName: role, clusterIdentifier: cluster, masterPassword: nil)
        let left = try await moto.observe(target)
        #expect(left.role == nil)
        #expect(left.cluster == nil)
        #expect(left.portRules(target).filter { $0.isSparkifys(cluster: cluster) } == [])
    }
}
