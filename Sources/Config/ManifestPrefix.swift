/// `[S3] MANIFEST_PREFIX`: the S3 folder (`s3://bucket/prefix/`) where an incremental run on Redshift
/// writes the manifest each staging COPY reads — so one COPY loads exactly the new objects. The cluster's
/// role must be able to read it and the operator to write (and delete) there.
public struct ManifestPrefix: Sendable, Equatable, CustomStringConvertible {
    public var bucket: String
    /// The folder's key, always ending in `/`.
    public var keyPrefix: String

    public init(bucket: String, keyPrefix: String) {
        self.bucket = bucket
        self.keyPrefix = keyPrefix
    }

    /// Parses `s3://bucket/prefix/` (the trailing `/` is added when missing); `location` names the key
    /// in messages.
    public init(parsing text: String, location: String) throws(ConfigError) {
        let example = "such as s3://my-bucket/sparkify-manifests/"
        guard text.hasPrefix("s3://") else {
            throw .invalid(location: location, value: text,
                           reason: "expected an s3://bucket/prefix/ URI (\(example)): incremental runs on Redshift write their COPY manifests there")
        }
        let rest = text.dropFirst(5)
        let bucket = rest.prefix { $0 != "/" }
        let key = rest.dropFirst(bucket.count + 1)
        guard !bucket.isEmpty else {
            throw .invalid(location: location, value: text, reason: "an S3 URI needs a bucket and a prefix, \(example)")
        }
        guard !key.allSatisfy({ $0 == "/" }) else {
            throw .invalid(location: location, value: text,
                           reason: "needs a prefix under the bucket, \(example): manifests are written and deleted there, never at the bucket's top")
        }
        self.bucket = String(bucket)
        keyPrefix = key.hasSuffix("/") ? String(key) : key + "/"
    }

    public var description: String { "s3://\(bucket)/\(keyPrefix)" }

    /// Where run `runID` puts the manifest of `stage`: one folder per run, so runs never share one.
    public func key(runID: String, stage: String) -> String { "\(keyPrefix)\(runID)/\(stage).manifest" }

    /// Whether a COPY from the S3 prefix `bucket`/`key` would also load what is written here (a COPY
    /// source is a key prefix): a left-over manifest would then be loaded as data.
    func lies(under bucket: String, key: String) -> Bool {
        self.bucket == bucket && keyPrefix.hasPrefix(key)
    }
}

extension DWHConfig {
    /// `[S3] MANIFEST_PREFIX`, checked: an `s3://` folder with a bucket and a prefix, outside the data
    /// the COPYs read.
    func manifestPrefix() throws(ConfigError) -> ManifestPrefix? {
        guard let text = file["S3", "MANIFEST_PREFIX"].nonEmpty else { return nil }
        let location = file.location("S3", "MANIFEST_PREFIX")
        let prefix = try ManifestPrefix(parsing: text, location: location)
        for (key, source) in [("LOG_DATA", sources.logData), ("SONG_DATA", sources.songData)] {
            if case .s3(let bucket, let dataKey)? = source, prefix.lies(under: bucket, key: dataKey) {
                throw .invalid(location: location, value: text,
                               reason: "lies under [S3] \(key) (\(source!)): a COPY of that data would load a left-over manifest as data — choose a prefix outside it")
            }
        }
        return prefix
    }
}
