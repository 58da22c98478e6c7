/// Where staged input lives: an S3 prefix, or (client-side loader only) a local directory given as
/// `file:///abs/dir` or a plain path.
public enum DataLocation: Sendable, Hashable, CustomStringConvertible {
    case s3(bucket: String, key: String)
    case local(path: String)

    /// Parses `s3://bucket/prefix`, `file:///abs/dir` or a plain path.
    public init(parsing text: String, location: String) throws(ConfigError) {
        if text.hasPrefix("s3://") {
            let rest = text.dropFirst(5)
            let bucket = rest.prefix { $0 != "/" }
            guard !bucket.isEmpty else {
                throw .invalid(location: location, value: text, reason: "an S3 URI needs a bucket: s3://bucket/prefix")
            }
            self = .s3(bucket: String(bucket), key: String(rest.dropFirst(bucket.count + 1)))
        } else if text.hasPrefix("file://") {
            let path = String(text.dropFirst(7))
            guard path.hasPrefix("/") else {
                throw .invalid(location: location, value: text, reason: "a file URI needs an absolute path: file:///abs/dir")
            }
            self = .local(path: path)
        } else if text.contains("://") {
            throw .invalid(location: location, value: text, reason: "use s3://bucket/prefix, file:///abs/dir or a directory path")
        } else if text.isEmpty {
            throw .missing(location: location, hint: "set it to s3://bucket/prefix or a directory")
        } else {
            self = .local(path: text)
        }
    }

    public var description: String {
        switch self {
        case .s3(let bucket, let key): return "s3://\(bucket)/\(key)"
        case .local(let path): return path
        }
    }
}

extension DWHConfig {
    /// `[S3] REGION`: the region of the buckets staging reads (Redshift's COPY needs it when it differs
    /// from the cluster's); nil when not set, and S3 is asked. A value that is not a region's name
    /// (`us-west-2`) is an error naming the key.
    public func s3Region() throws(ConfigError) -> String? {
        guard let region = file["S3", "REGION"].nonEmpty else { return nil }
        let parts = region.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count >= 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isLowercase || $0.isNumber } }),
              parts.last!.allSatisfy(\.isNumber) else {
            throw .invalid(location: file.location("S3", "REGION"), value: region,
                           reason: "expected the bucket's AWS region, such as us-west-2")
        }
        return region
    }
}
