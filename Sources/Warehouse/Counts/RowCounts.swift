import Foundation

/// Rows per table at a moment (step R, the Tables panel, `sparkify counts`).
public struct RowCounts: Sendable, Equatable {
    public struct TableCount: Sendable, Equatable {
        public var name: String
        /// nil when the table does not exist (yet).
        public var rows: Int?

        public init(name: String, rows: Int?) {
            self.name = name
            self.rows = rows
        }
    }

    public var tables: [TableCount]
    public var at: Date

    public init(tables: [TableCount], at: Date) {
        self.tables = tables
        self.at = at
    }

    public func rows(_ table: String) -> Int? {
        tables.first { $0.name == table }?.rows ?? nil
    }

    /// One `SELECT count(*)` per table that exists (the catalog says which, in one query, so a missing
    /// table costs no failing statement); a missing table counts as nil. `existing`: already read.
    public static func count(_ tables: [TableDefinition] = WarehouseSchema.counted, on connection: Connection,
                             existing: Set<String>? = nil) async throws(DatabaseError) -> RowCounts {
        let at = Date()
        let present: Set<String>
        if let existing { present = existing } else { present = try await TableCatalog.existing(tables.map(\.name), on: connection) }
        var counts: [TableCount] = []
        for table in tables {
            guard present.contains(table.name) else {
                counts.append(TableCount(name: table.name, rows: nil))
                continue
            }
            // Dropped between the catalog and the count: missing all the same.
            do {
                let result = try await connection.execute(table.countQuery)
                counts.append(TableCount(name: table.name, rows: result.scalar.flatMap { Int($0) }))
            } catch where error.sqlState == SQLState.undefinedTable {
                counts.append(TableCount(name: table.name, rows: nil))
            }
        }
        return RowCounts(tables: counts, at: at)
    }

    /// `{"tables": {"staging_events": 8056, ...}, "at": "2018-11-30T00:22:07Z"}` (PRODUCT §5); missing
    /// tables are `null`. Keys in table order.
    public var json: String {
        let entries = tables.map { "\"\($0.name)\": \($0.rows.map(String.init) ?? "null")" }
        return "{\"tables\": {\(entries.joined(separator: ", "))}, \"at\": \"\(Self.iso8601(at))\"}"
    }

    /// Human-readable lines: name, rows right-aligned, then the time.
    public var text: String {
        let width = tables.map(\.name.count).max() ?? 0
        let lines = tables.map { entry in
            let rows = entry.rows.map { String($0) } ?? "missing"
            return entry.name.padding(to: width) + "  " + String(repeating: " ", count: max(0, 10 - rows.count)) + rows
        }
        return (lines + ["counted at \(Self.iso8601(at))"]).joined(separator: "\n")
    }

    static func iso8601(_ date: Date) -> String {
        String(SQLTimestamp.format(date).prefix(19)).replacingOccurrences(of: " ", with: "T") + "Z"
    }
}
