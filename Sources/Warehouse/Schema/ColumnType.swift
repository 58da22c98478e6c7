/// A column's type, as both dialects spell it.
public enum ColumnType: Sendable, Hashable {
    /// Text of at most `maxBytes` UTF-8 bytes. Redshift counts bytes, PostgreSQL characters; a value that
    /// fits in bytes always fits in characters, so one limit serves both and the loader checks bytes.
    case varchar(maxBytes: Int)
    case smallint
    case integer
    case bigint
    case doublePrecision
    /// Without time zone; Sparkify's times are UTC.
    case timestamp

    /// The type in DDL. Both dialects accept the same spelling.
    public var sql: String {
        switch self {
        case .varchar(let maxBytes): return "VARCHAR(\(maxBytes))"
        case .smallint: return "SMALLINT"
        case .integer: return "INTEGER"
        case .bigint: return "BIGINT"
        case .doublePrecision: return "DOUBLE PRECISION"
        case .timestamp: return "TIMESTAMP"
        }
    }

    /// The byte limit of a text column; nil for other types.
    public var maxBytes: Int? {
        if case .varchar(let maxBytes) = self { return maxBytes }
        return nil
    }
}
