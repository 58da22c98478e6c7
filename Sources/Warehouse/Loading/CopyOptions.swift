/// The COPY options the staging load honours, named as in Redshift's COPY command. The same value
/// describes a Redshift COPY and the client-side emulation that stands in for it on PostgreSQL.
public struct CopyOptions: Sendable, Equatable {
    /// `FORMAT AS JSON 'auto' | 'auto ignorecase' | 's3://…jsonpaths'`.
    public var format: JSONFormat
    /// `TIMEFORMAT`: how text or numbers become TIMESTAMP values.
    public var timeFormat: TimeFormat
    /// `BLANKSASNULL`: CHAR/VARCHAR values of only white space load as NULL.
    public var blanksAsNull: Bool
    /// `EMPTYASNULL`: empty CHAR/VARCHAR values load as NULL.
    public var emptyAsNull: Bool
    /// `TRUNCATECOLUMNS`: over-long CHAR/VARCHAR values are cut to the column's byte length.
    public var truncateColumns: Bool
    /// `ACCEPTINVCHARS [AS 'c']`: each byte of an invalid UTF-8 sequence becomes this ASCII character;
    /// nil means invalid UTF-8 is a load error.
    public var acceptInvalidCharacters: UInt8?
    /// `MAXERROR n`: the load fails once it has found `max(n, 1)` bad records (Redshift: "If the load
    /// returns the error_count number of errors or greater, the load fails").
    public var maxError: Int
    /// `GZIP`: every input object is gzip-compressed.
    public var gzip: Bool
    /// `MANIFEST`: the source names a manifest listing the objects, not a prefix.
    public var manifest: Bool

    public init(format: JSONFormat = .auto, timeFormat: TimeFormat = .standard, blanksAsNull: Bool = false,
                emptyAsNull: Bool = false, truncateColumns: Bool = false, acceptInvalidCharacters: UInt8? = nil,
                maxError: Int = 0, gzip: Bool = false, manifest: Bool = false) {
        self.format = format
        self.timeFormat = timeFormat
        self.blanksAsNull = blanksAsNull
        self.emptyAsNull = emptyAsNull
        self.truncateColumns = truncateColumns
        self.acceptInvalidCharacters = acceptInvalidCharacters
        self.maxError = maxError
        self.gzip = gzip
        self.manifest = manifest
    }

    /// Redshift's limit for MAXERROR.
    public static let maxErrorLimit = 100_000

    /// Checks the values Redshift would reject when parsing the COPY command.
    public func validate() throws(StagingError) {
        guard (0...Self.maxErrorLimit).contains(maxError) else {
            throw .invalidOption("MAXERROR \(maxError): must be between 0 and \(Self.maxErrorLimit)")
        }
        if let replacement = acceptInvalidCharacters, replacement == 0 || replacement >= 0x80 {
            throw .invalidOption("ACCEPTINVCHARS: the replacement must be one ASCII character other than NUL")
        }
    }

    /// How many bad records a load may skip before it fails.
    var toleratedErrors: Int { max(maxError, 1) - 1 }
}

/// How JSON values are matched to columns.
public enum JSONFormat: Sendable, Equatable {
    /// Top-level keys equal to the (lower-case) column names, case-sensitive.
    case auto
    /// Top-level keys equal to the column names, ignoring case.
    case autoIgnoreCase
    /// One JSONPath expression per column, by position.
    case paths([JSONPath])
}

/// `TIMEFORMAT`.
public enum TimeFormat: String, Sendable, Equatable {
    /// No TIMEFORMAT: `YYYY-MM-DD HH:MI:SS` with optional fractional seconds.
    case standard
    /// `'auto'`: ISO-8601 style dates and times (a `T` or a space between date and time).
    case auto
    /// `'epochsecs'`: seconds since 1970-01-01 00:00:00 UTC.
    case epochSeconds = "epochsecs"
    /// `'epochmillisecs'`: milliseconds since 1970-01-01 00:00:00 UTC.
    case epochMilliseconds = "epochmillisecs"
}
