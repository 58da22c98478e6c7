import Config

/// A Redshift `COPY … FROM 's3://…'` of a staging table (PRODUCT §2, AWS target). Pure: it renders SQL;
/// the connection runs it. Every literal goes through `SQLLiteral`, whatever the config holds.
public struct RedshiftCopy: Sendable, Equatable {
    /// How Redshift maps JSON to columns.
    public enum JSONMapping: Sendable, Equatable {
        /// Keys matched to (lower-case) column names, case-sensitively.
        case auto
        /// Keys matched to column names ignoring case.
        case autoIgnoreCase
        /// A JSONPaths file in S3: expressions map to the columns by position.
        case jsonPaths(String)
    }

    public var table: TableDefinition
    /// `s3://bucket/prefix`: every object under the prefix is loaded.
    public var source: String
    public var iamRoleARN: String
    public var mapping: JSONMapping
    /// The bucket's region, when it differs from the cluster's (see ``CopyRegion``).
    public var region: String?
    /// `epochmillisecs` for Sparkify's `ts`.
    public var timeFormat: String? = "epochmillisecs"
    /// Bad records skipped (and logged to STL_LOAD_ERRORS) before the COPY fails.
    public var maxError = 0
    public var blanksAsNull = false
    public var emptyAsNull = false
    public var truncateColumns = false
    /// Replace invalid UTF-8 with this character (Redshift's default '?') instead of failing.
    public var acceptInvalidCharacters: String?
    public var gzip = false
    /// `source` names a manifest file listing the objects, instead of a prefix.
    public var manifest = false

    public init(table: TableDefinition, source: String, iamRoleARN: String, mapping: JSONMapping, region: String? = nil) {
        self.table = table
        self.source = source
        self.iamRoleARN = iamRoleARN
        self.mapping = mapping
        self.region = region
    }

    /// The statement. Statistics and compression analysis are off: staging is reloaded every run and
    /// only read once, so COPY's automatic analysis (which can double its time) buys nothing.
    public var sql: String {
        var lines = [
            "COPY \(table.name) (\(table.columns.map(\.name).joined(separator: ", ")))",
            "FROM \(SQLLiteral.quote(source))",
            "IAM_ROLE \(SQLLiteral.quote(iamRoleARN))",
        ]
        switch mapping {
        case .auto: lines.append("FORMAT AS JSON 'auto'")
        case .autoIgnoreCase: lines.append("FORMAT AS JSON 'auto ignorecase'")
        case .jsonPaths(let path): lines.append("FORMAT AS JSON \(SQLLiteral.quote(path))")
        }
        if manifest { lines.append("MANIFEST") }
        if gzip { lines.append("GZIP") }
        if let region { lines.append("REGION \(SQLLiteral.quote(region))") }
        if let timeFormat { lines.append("TIMEFORMAT \(SQLLiteral.quote(timeFormat))") }
        var conversions: [String] = []
        if blanksAsNull { conversions.append("BLANKSASNULL") }
        if emptyAsNull { conversions.append("EMPTYASNULL") }
        if truncateColumns { conversions.append("TRUNCATECOLUMNS") }
        if let acceptInvalidCharacters { conversions.append("ACCEPTINVCHARS AS \(SQLLiteral.quote(acceptInvalidCharacters))") }
        if !conversions.isEmpty { lines.append(conversions.joined(separator: " ")) }
        lines.append("COMPUPDATE OFF STATUPDATE OFF")
        lines.append("MAXERROR \(maxError)")
        return lines.joined(separator: "\n")
    }

    /// Both staging COPYs from the config: `[S3] LOG_DATA` with the `LOG_JSONPATH` file (or JSON 'auto'
    /// when none is set) into staging_events, `SONG_DATA` with JSON 'auto' into staging_songs.
    /// - Parameters:
    ///   - regions: the REGION each bucket's COPY names (see ``CopyRegion``); a bucket not in it gets none,
    ///     i.e. is in the cluster's region.
    ///   - roleARN: the role's ARN when `[IAM_ROLE] ARN` is not set (the one `iac up` made).
    public static func staging(config: DWHConfig, regions: [String: String] = [:], roleARN: String? = nil,
                               maxError: Int = 0) throws(ConfigError) -> [RedshiftCopy] {
        let role = try config.require(config.iamRoleARN ?? roleARN, "IAM_ROLE", "ARN",
                                      hint: "run `sparkify iac up` (it creates the role and prints its ARN) or set the role Redshift reads S3 with")
        let logData = try s3(config.sources.logData, config, "LOG_DATA")
        let songData = try s3(config.sources.songData, config, "SONG_DATA")
        let paths = try config.sources.logJSONPath.map { location throws(ConfigError) in try s3(location, config, "LOG_JSONPATH") }
        var events = RedshiftCopy(table: WarehouseSchema.stagingEvents, source: logData.description, iamRoleARN: role,
                                  mapping: paths.map { JSONMapping.jsonPaths($0.description) } ?? .auto,
                                  region: regions[logData.bucket])
        var songs = RedshiftCopy(table: WarehouseSchema.stagingSongs, source: songData.description, iamRoleARN: role,
                                 mapping: .auto, region: regions[songData.bucket])
        events.maxError = maxError
        songs.maxError = maxError
        return [events, songs]
    }

    /// The buckets the staging COPYs read (data and JSONPaths file), in config order, each once; locations
    /// that are not in S3 are left out (``staging(config:regions:roleARN:maxError:)`` reports them).
    public static func buckets(config: DWHConfig) -> [String] {
        var buckets: [String] = []
        for case .s3(let bucket, _)? in [config.sources.logData, config.sources.logJSONPath, config.sources.songData]
            where !buckets.contains(bucket) {
            buckets.append(bucket)
        }
        return buckets
    }

    private static func s3(_ location: DataLocation?, _ config: DWHConfig, _ key: String) throws(ConfigError) -> (bucket: String, description: String) {
        let location = try config.require(location, "S3", key, hint: "set it to the s3://bucket/prefix of the data")
        guard case .s3(let bucket, _) = location else {
            throw .invalid(location: config.file.location("S3", key), value: location.description,
                           reason: "Redshift's COPY reads only from S3: use an s3:// URI (local directories work only with the sandbox's PostgreSQL)")
        }
        return (bucket, location.description)
    }
}
