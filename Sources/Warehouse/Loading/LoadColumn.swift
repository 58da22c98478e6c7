/// A target column as the loader sees it: its name and the type its values are converted to.
/// Built from the schema model, in the table's column order (the COPY column order).
public struct LoadColumn: Sendable, Equatable {
    public var name: String
    public var type: LoadColumnType

    public init(name: String, type: LoadColumnType) {
        self.name = name
        self.type = type
    }
}

/// The column types the client-side COPY converts into, with Redshift's rules.
public enum LoadColumnType: Sendable, Equatable {
    /// `VARCHAR(n)`: n is in bytes, as in Redshift (nil: unbounded, e.g. PostgreSQL `TEXT`).
    case varchar(maxBytes: Int?)
    /// `CHAR(n)`, n in bytes.
    case char(length: Int)
    case smallint, integer, bigint
    /// `REAL` (float4) and `DOUBLE PRECISION` (float8).
    case real, double
    case decimal(precision: Int, scale: Int)
    case boolean
    case timestamp, timestamptz, date

    /// The name STL_LOAD_ERRORS shows in its `type` column.
    public var errorTypeName: String {
        switch self {
        case .varchar: return "varchar"
        case .char: return "char"
        case .smallint: return "int2"
        case .integer: return "int4"
        case .bigint: return "int8"
        case .real: return "float4"
        case .double: return "float8"
        case .decimal: return "numeric"
        case .boolean: return "bool"
        case .timestamp: return "timestamp"
        case .timestamptz: return "timestamptz"
        case .date: return "date"
        }
    }

    /// STL_LOAD_ERRORS' `col_length`: the declared length where the type has one.
    public var errorLength: String? {
        switch self {
        case .varchar(let maxBytes): return maxBytes.map(String.init)
        case .char(let length): return String(length)
        case .decimal(let precision, let scale): return "\(precision),\(scale)"
        default: return nil
        }
    }
}
