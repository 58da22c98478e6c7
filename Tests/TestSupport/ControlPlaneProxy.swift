import Config
import Foundation

/// Real AWS's control plane where moto forgives, on loopback in front of the test process's moto_server
/// (``controlPlaneProxyScript``): IAM lag after CreateRole and after a detach, throttled DescribeClusters
/// (with or without `x-amz-retry-after`), clusters "creating" and "deleting" for some polls,
/// RequestTimeTooSkewed on demand. Everything else passes through to moto unchanged. Each test starts its
/// own; the counters are the proxy's own record of what struck, for tests to assert on.
public final class ControlPlaneProxy: Sendable {
    public struct Behaviours: Codable, Sendable, Equatable {
        public struct IAMLag: Codable, Sendable, Equatable {
            /// Seconds after CreateRole in which AttachRolePolicy answers NoSuchEntity.
            public var attach: Double
            /// Seconds after CreateRole in which CreateCluster answers "The IAM role … is not valid".
            public var createCluster: Double

            public init(attach: Double = 0, createCluster: Double = 0) {
                self.attach = attach
                self.createCluster = createCluster
            }
        }

        public struct Throttle: Codable, Sendable, Equatable {
            /// The share of DescribeClusters answered `400 Throttling`, spread evenly (0.8: four in five),
            /// while the cluster lives (from its CreateCluster through the proxy to its last "deleting" poll):
            /// the polls of the waits, not the looks before (which would delay the IAM calls past their lag).
            public var fraction: Double
            /// Sent as `x-amz-retry-after` when set.
            public var retryAfterMs: Int?

            public init(fraction: Double, retryAfterMs: Int? = nil) {
                self.fraction = fraction
                self.retryAfterMs = retryAfterMs
            }
        }

        public var iamLag: IAMLag?
        /// Seconds after DetachRolePolicy in which DeleteRole answers `409 DeleteConflict`.
        public var deleteConflict: Double?
        public var throttleDescribes: Throttle?
        /// DescribeClusters answers after CreateCluster that say `creating` (without an endpoint).
        public var creatingPolls: Int?
        /// DescribeClusters answers after DeleteCluster that still show the cluster, `deleting`.
        public var deletingPolls: Int?
        /// Actions answered `403 RequestTimeTooSkewed`.
        public var skewedActions: [String]?

        public init(iamLag: IAMLag? = nil, deleteConflict: Double? = nil, throttleDescribes: Throttle? = nil,
                    creatingPolls: Int? = nil, deletingPolls: Int? = nil, skewedActions: [String]? = nil) {
            self.iamLag = iamLag
            self.deleteConflict = deleteConflict
            self.throttleDescribes = throttleDescribes
            self.creatingPolls = creatingPolls
            self.deletingPolls = deletingPolls
            self.skewedActions = skewedActions
        }
    }

    /// `http://127.0.0.1:PORT`: use as the AWS endpoint.
    public let endpoint: String
    /// moto's settings with the proxy as the endpoint.
    public let settings: AWSSettings
    private let directory: String
    private let process: Process
    private let stdin: Pipe

    /// Starts a proxy in front of the test process's moto_server.
    public static func start(_ behaviours: Behaviours) async throws -> ControlPlaneProxy {
        let moto = try await TestServers.moto()
        let directory = try TemporaryDirectory.make("cpproxy")
        try controlPlaneProxyScript.write(toFile: directory + "/proxy.py", atomically: true, encoding: .utf8)
        try Self.write(behaviours, to: directory + "/behaviours.json")
        let (process, stdin, port) = try await PythonServer.start(
            arguments: [directory + "/proxy.py", moto.endpoint ?? "", directory + "/behaviours.json", directory + "/counters.json"])
        var settings = moto
        settings.endpoint = "http://127.0.0.1:\(port)"
        return ControlPlaneProxy(endpoint: "http://127.0.0.1:\(port)", settings: settings, directory: directory,
                                 process: process, stdin: stdin)
    }

    private init(endpoint: String, settings: AWSSettings, directory: String, process: Process, stdin: Pipe) {
        self.endpoint = endpoint
        self.settings = settings
        self.directory = directory
        self.process = process
        self.stdin = stdin
    }

    deinit {
        try? stdin.fileHandleForWriting.close()
        process.terminate()
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Changes the behaviours from the next request on.
    public func set(_ behaviours: Behaviours) throws {
        try Self.write(behaviours, to: directory + "/behaviours.json")
    }

    /// How often each behaviour struck so far (`iam_lag_attach`, `iam_lag_create_cluster`, `delete_conflict`,
    /// `throttled`, `creating_polls`, `deleting_polls`, `skewed`), with `requests` and `passed` (to moto).
    public func counters() throws -> [String: Int] {
        let data = try Data(contentsOf: URL(fileURLWithPath: directory + "/counters.json"))
        return try JSONDecoder().decode([String: Int].self, from: data)
    }

    private static func write(_ behaviours: Behaviours, to path: String) throws {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        // Written whole, then renamed: the proxy never reads half a file.
        try encoder.encode(behaviours).write(to: URL(fileURLWithPath: path), options: .atomic)
    }
}
