import Foundation
import Warehouse

/// Rows per staging and star table at a moment, as the Tables panel and `counts` show them. Wraps the
/// warehouse's counts so their text and JSON are written in one place.
public struct TableCounts: Sendable, Equatable {
    public struct TableCount: Sendable, Equatable {
        public var name: String
        /// nil when the table does not exist (yet).
        public var rows: Int?

        public init(name: String, rows: Int?) {
            self.name = name
            self.rows = rows
        }
    }

    let counts: RowCounts

    public init(_ counts: RowCounts) { self.counts = counts }

    public init(tables: [TableCount], at: Date) {
        counts = RowCounts(tables: tables.map { .init(name: $0.name, rows: $0.rows) }, at: at)
    }

    public var tables: [TableCount] { counts.tables.map { TableCount(name: $0.name, rows: $0.rows) } }
    public var at: Date { counts.at }
    public func rows(_ table: String) -> Int? { counts.rows(table) }
    /// `{"tables": {…}, "at": …}` (PRODUCT §5).
    public var json: String { counts.json }
    /// Name, rows, then the time of the count.
    public var text: String { counts.text }

    /// The staging and star tables, in schema order (what a count lists).
    public static var tableNames: [String] { WarehouseSchema.counted.map(\.name) }
}
