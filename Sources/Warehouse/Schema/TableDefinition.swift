/// One column of the warehouse.
public struct ColumnDefinition: Sendable, Hashable {
    /// The name as written in the model and the DDL (e.g. `firstName`). Unquoted in SQL, so both
    /// dialects store it lower-cased: see `databaseName`.
    public var name: String
    public var type: ColumnType
    public var nullable: Bool
    /// Filled by the database when an INSERT leaves it out (songplay_id).
    public var identity: Bool
    /// The column this one points at, for the diagram and the checks. Not declared in the DDL: see
    /// `WarehouseSchema.foreignKeysNote`.
    public var references: ColumnReference?

    public init(_ name: String, _ type: ColumnType, nullable: Bool = true, identity: Bool = false,
                references: ColumnReference? = nil) {
        self.name = name
        self.type = type
        self.nullable = nullable
        self.identity = identity
        self.references = references
    }

    /// The name the database stores (unquoted identifiers fold to lower case in both dialects). This is
    /// what Redshift's `JSON 'auto'` matches keys against, case-sensitively.
    public var databaseName: String { name.lowercased() }
}

public struct ColumnReference: Sendable, Hashable {
    public var table: String
    public var column: String

    public init(_ table: String, _ column: String) {
        self.table = table
        self.column = column
    }
}

/// How Redshift spreads a table's rows over the slices.
public enum Distribution: Sendable, Hashable {
    /// A full copy on every node: small tables joined to big ones never move.
    case all
    /// Round robin.
    case even
    /// Rows with equal values of the column share a slice: joins on it need no redistribution.
    case key(String)
}

/// One table of the warehouse, in both dialects.
public struct TableDefinition: Sendable, Hashable {
    public enum Role: String, Sendable, Hashable {
        /// Loaded by COPY, columns in source order; rebuilt on every run.
        case staging
        case fact
        case dimension
        /// The ETL's own records (etl_runs, load_errors): kept across `create-tables`.
        case bookkeeping
    }

    public var name: String
    public var role: Role
    public var columns: [ColumnDefinition]
    public var primaryKey: [String]
    public var distribution: Distribution
    public var sortKey: [String]
    /// Why the table is laid out this way; printed above its CREATE TABLE.
    public var rationale: String

    public init(_ name: String, role: Role, columns: [ColumnDefinition], primaryKey: [String] = [],
                distribution: Distribution, sortKey: [String] = [], rationale: String) {
        self.name = name
        self.role = role
        self.columns = columns
        self.primaryKey = primaryKey
        self.distribution = distribution
        self.sortKey = sortKey
        self.rationale = rationale
    }

    public func column(_ name: String) -> ColumnDefinition? {
        columns.first { $0.name == name }
    }

    /// `COPY name (columns…) FROM STDIN` in COPY's text format (tab-separated, `\N` for NULL): the
    /// statement the client-side loader streams rows into, columns in the model's order.
    public var copyFromStdin: String {
        "COPY \(name) (\(columns.map(\.name).joined(separator: ", "))) FROM STDIN"
    }

    /// `SELECT count(*)` of this table.
    public var countQuery: String { "SELECT count(*) FROM \(name)" }
}
