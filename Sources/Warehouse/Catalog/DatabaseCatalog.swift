import Foundation

/// The tables of the live database as its own catalog describes them — columns with their types and
/// each table's row count — for the SQL view's catalog (harlequin's), so it shows what is there rather
/// than what the schema model says should be.
public struct DatabaseCatalog: Sendable, Equatable {
    public struct Column: Sendable, Equatable {
        public var name: String
        /// Short, as the DDL writes it: `varchar(64)`, `bigint`, `timestamp`.
        public var type: String

        public init(name: String, type: String) {
            self.name = name
            self.type = type
        }
    }

    public struct Table: Sendable, Equatable {
        public var name: String
        public var columns: [Column]
        /// nil when it could not be counted.
        public var rows: Int?

        public init(name: String, columns: [Column], rows: Int?) {
            self.name = name
            self.columns = columns
            self.rows = rows
        }
    }

    /// sparkify's own tables first, in the schema model's order (star, staging, bookkeeping), then any
    /// other table by name.
    public var tables: [Table]
    public var at: Date

    public init(tables: [Table], at: Date) {
        self.tables = tables
        self.at = at
    }

    /// The base tables of the current schema with their columns in order: `information_schema` on
    /// PostgreSQL; on Redshift `svv_columns` and `svv_tables`, which (unlike information_schema there)
    /// list every user's tables the role can see. Columns: table, column, data type, character length.
    public static func columnsQuery(_ dialect: Dialect) -> String {
        let (columns, tables) = dialect == .redshift
            ? ("svv_columns", "svv_tables") : ("information_schema.columns", "information_schema.tables")
        return """
            SELECT c.table_name, c.column_name, c.data_type, c.character_maximum_length
            FROM \(columns) c
            JOIN \(tables) t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
            WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
            ORDER BY c.table_name, c.ordinal_position
            """
    }

    /// Every table's exact row count in one statement (a `UNION ALL` of counts); `tables` is not empty.
    public static func countsQuery(_ tables: [String]) -> String {
        tables.map { "SELECT \(SQLLiteral.quote($0)), count(*) FROM \(quotedIdentifier($0))" }
            .joined(separator: "\nUNION ALL ")
    }

    /// The catalog's type as the DDL writes it: `character varying` with a length is `varchar(64)`,
    /// `timestamp without time zone` is `timestamp`; other names stay as the catalog spells them.
    public static func shortType(_ dataType: String, length: Int?) -> String {
        let short: String
        switch dataType.lowercased() {
        case "character varying": short = "varchar"
        case "character": short = "char"
        case "timestamp without time zone": short = "timestamp"
        case "timestamp with time zone": short = "timestamptz"
        case "time without time zone": short = "time"
        case let other: short = other
        }
        return length.map { "\(short)(\($0))" } ?? short
    }

    /// sparkify's tables in the schema model's order, then the rest by name.
    static func ordered(_ names: [String]) -> [String] {
        let known = (WarehouseSchema.star + WarehouseSchema.staging + WarehouseSchema.bookkeeping).map(\.name)
        return names.sorted { a, b in
            switch (known.firstIndex(of: a), known.firstIndex(of: b)) {
            case let (x?, y?): return x < y
            case (_?, nil): return true
            case (nil, _?): return false
            case (nil, nil): return a < b
            }
        }
    }

    static func quotedIdentifier(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// From the rows of ``columnsQuery(_:)`` and ``countsQuery(_:)``.
    init(columns: [[String?]], counts: [[String?]], at: Date) {
        var byTable: [String: [Column]] = [:]
        for row in columns {
            guard let table = row[0], let name = row[1] else { continue }
            byTable[table, default: []].append(Column(name: name, type: Self.shortType(row[2] ?? "?", length: row[3].flatMap { Int($0) })))
        }
        let rows = Dictionary(counts.compactMap { row in row[0].map { ($0, row[1].flatMap { Int($0) }) } }, uniquingKeysWith: { a, _ in a })
        self.init(tables: Self.ordered(Array(byTable.keys)).map { Table(name: $0, columns: byTable[$0] ?? [], rows: rows[$0] ?? nil) },
                  at: at)
    }

    /// Reads the catalog, then counts every table it lists, in one read-only transaction. A table
    /// dropped between the two reads fails the count (42P01): the catalog is read once more.
    public static func read(on connection: Connection) async throws(DatabaseError) -> DatabaseCatalog {
        do {
            return try await readOnce(on: connection)
        } catch where error.sqlState == SQLState.undefinedTable {
            return try await readOnce(on: connection)
        }
    }

    private static func readOnce(on connection: Connection) async throws(DatabaseError) -> DatabaseCatalog {
        let at = Date()
        try await connection.execute("BEGIN READ ONLY")
        do {
            let columns = try await connection.execute(columnsQuery(connection.dialect)).rows
            let names = Array(Set(columns.compactMap { $0[0] }))
            let counts = names.isEmpty ? [] : try await connection.execute(countsQuery(ordered(names))).rows
            try await connection.execute("ROLLBACK")
            return DatabaseCatalog(columns: columns, counts: counts, at: at)
        } catch {
            _ = try? await connection.executeUncancellable("ROLLBACK")
            throw error
        }
    }
}
