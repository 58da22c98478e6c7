import Foundation

/// Where a service's requests go and which region they are signed for. Real AWS: the service's
/// regional endpoint (IAM: the global one, signed for us-east-1); S3 buckets with DNS-safe names are
/// addressed virtual-host style. A custom endpoint (`[AWS] ENDPOINT`, `AWS_ENDPOINT_URL`, the sandbox's
/// moto) takes every service, with S3 path-style.
struct AWSEndpoint: Sendable, Equatable {
    var scheme: String
    var host: String
    var port: Int?
    var signingRegion: String
    /// S3 only: the bucket goes into the path rather than the host name.
    var pathStyle: Bool

    /// `host` or `host:port` (a non-default port is part of what is signed).
    var hostHeader: String { port.map { "\(host):\($0)" } ?? host }

    static func resolve(service: AWSService, region: String, custom: String?,
                        bucket: String? = nil) throws(AWSError) -> AWSEndpoint {
        if let custom {
            guard let components = URLComponents(string: custom), let scheme = components.scheme,
                  let host = components.host, !host.isEmpty else {
                throw AWSError(code: "InvalidEndpoint", message: "cannot use endpoint '\(custom)'; expected http(s)://host[:port]",
                               service: service, action: "resolve endpoint")
            }
            let defaultPort = scheme == "https" ? 443 : 80
            return AWSEndpoint(scheme: scheme, host: host, port: components.port.flatMap { $0 == defaultPort ? nil : $0 },
                               signingRegion: region, pathStyle: true)
        }
        let suffix = region.hasPrefix("cn-") ? "amazonaws.com.cn" : "amazonaws.com"
        switch service {
        case .iam:
            return region.hasPrefix("cn-")
                ? AWSEndpoint(scheme: "https", host: "iam.cn-north-1.\(suffix)", signingRegion: "cn-north-1", pathStyle: false)
                : AWSEndpoint(scheme: "https", host: "iam.\(suffix)", signingRegion: "us-east-1", pathStyle: false)
        case .s3:
            if let bucket, isVirtualHostable(bucket) {
                return AWSEndpoint(scheme: "https", host: "\(bucket).s3.\(region).\(suffix)", signingRegion: region,
                                   pathStyle: false)
            }
            return AWSEndpoint(scheme: "https", host: "s3.\(region).\(suffix)", signingRegion: region, pathStyle: true)
        case .ec2, .redshift, .sts:
            return AWSEndpoint(scheme: "https", host: "\(service.rawValue).\(region).\(suffix)", signingRegion: region,
                               pathStyle: false)
        }
    }

    init(scheme: String, host: String, port: Int? = nil, signingRegion: String, pathStyle: Bool) {
        self.scheme = scheme
        self.host = host
        self.port = port
        self.signingRegion = signingRegion
        self.pathStyle = pathStyle
    }

    /// Lower-case letters, digits and hyphens, 3–63 long: usable as a DNS label under TLS.
    static func isVirtualHostable(_ bucket: String) -> Bool {
        (3...63).contains(bucket.count) && bucket.first != "-" && bucket.last != "-"
            && bucket.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }
}
