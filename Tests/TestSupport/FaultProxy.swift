import Foundation

/// A loopback proxy in front of the tests' moto_server that injects real S3's bad days (see
/// ``faultProxyScript``): 503 SlowDown, connection resets, bodies cut short, 1-s delays, and the
/// region behaviour of a bucket elsewhere (301 + `x-amz-bucket-region`, or 400
/// AuthorizationHeaderMalformed). Deterministic for a seed. Point `AWS_ENDPOINT_URL` at ``endpoint``.
public final class FaultProxy: Sendable {
    /// What the proxy does to S3 requests; probabilities in 0...1.
    public struct Faults: Sendable {
        public var seed = 0
        public var slowdown = 0.0
        public var reset = 0.0
        public var truncate = 0.0
        public var delay = 0.0
        public var delaySeconds = 1.0
        /// Requests signed for any other region are refused, naming this one.
        public var bucketRegion: String?
        public var regionAnswer = RegionAnswer.permanentRedirect
        /// Every S3 request is refused as RequestTimeTooSkewed, the server's clock this far ahead.
        public var skewSeconds: Int?
        /// Every ranged GET (a resumed download) is answered 503 SlowDown.
        public var refuseRanges = false
        /// GET bodies with one byte changed (length and headers intact).
        public var corrupt = 0.0

        public enum RegionAnswer: String, Sendable {
            case permanentRedirect = "301"
            case authorizationHeaderMalformed = "400"
        }

        public init(seed: Int = 0, slowdown: Double = 0, reset: Double = 0, truncate: Double = 0, delay: Double = 0,
                    delaySeconds: Double = 1, bucketRegion: String? = nil,
                    regionAnswer: RegionAnswer = .permanentRedirect, skewSeconds: Int? = nil, refuseRanges: Bool = false,
                    corrupt: Double = 0) {
            self.refuseRanges = refuseRanges
            self.corrupt = corrupt
            self.seed = seed
            self.slowdown = slowdown
            self.reset = reset
            self.truncate = truncate
            self.delay = delay
            self.delaySeconds = delaySeconds
            self.bucketRegion = bucketRegion
            self.regionAnswer = regionAnswer
            self.skewSeconds = skewSeconds
        }

        var json: String {
            var object: [String: Any] = ["seed": seed, "slowdown": slowdown, "reset": reset, "truncate": truncate,
                                         "delay": delay, "delay_seconds": delaySeconds, "region_style": regionAnswer.rawValue]
            if let bucketRegion { object["bucket_region"] = bucketRegion }
            if let skewSeconds { object["skew_seconds"] = skewSeconds }
            if refuseRanges { object["refuse_ranges"] = true }
            if corrupt > 0 { object["corrupt"] = corrupt }
            return String(decoding: (try? JSONSerialization.data(withJSONObject: object, options: .sortedKeys)) ?? Data(), as: UTF8.self)
        }
    }

    /// The proxy's own count of what it saw and did.
    public struct Counters: Sendable, Equatable, Decodable {
        public var requests: Int
        public var s3Requests: Int
        /// S3 requests with a Range header (resumed downloads).
        public var ranged: Int
        public var faults: [String: Int]

        enum CodingKeys: String, CodingKey {
            case requests, ranged, faults
            case s3Requests = "s3_requests"
        }
    }

    public let port: Int
    private let process: Process
    private let stdin: Pipe
    private let script: String

    public var endpoint: String { "http://127.0.0.1:\(port)" }

    /// Starts a proxy to `upstream` (moto's endpoint URL).
    public static func start(upstream: String, faults: Faults) async throws -> FaultProxy {
        let script = FileManager.default.temporaryDirectory.path + "/sparkify-fault-proxy-\(UUID().uuidString).py"
        try faultProxyScript.write(toFile: script, atomically: true, encoding: .utf8)
        let (process, stdin, port) = try await PythonServer.start(arguments: [script, upstream, faults.json])
        return FaultProxy(port: port, process: process, stdin: stdin, script: script)
    }

    private init(port: Int, process: Process, stdin: Pipe, script: String) {
        self.port = port
        self.process = process
        self.stdin = stdin
        self.script = script
    }

    deinit {
        try? stdin.fileHandleForWriting.close()
        process.terminate()
        try? FileManager.default.removeItem(atPath: script)
    }

    /// What the proxy has counted so far (its control path meets no fault).
    public func counters() async throws -> Counters {
        let url = endpoint + "/__faults/counters"
        let data = try await OffPool.run { () throws -> Data in
            let curl = Process()
            let output = Pipe()
            curl.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            curl.arguments = ["curl", "-sf", url]
            curl.standardOutput = output
            try curl.run()
            let data = output.fileHandleForReading.readDataToEndOfFile()
            curl.waitUntilExit()
            return data
        }
        return try JSONDecoder().decode(Counters.self, from: data)
    }
}
