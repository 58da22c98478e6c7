import Foundation
import Warehouse

/// An ad hoc statement's result as the console's grid shows it (Runbook's type over the warehouse's).
public struct QueryGrid: Sendable, Equatable {
    let answer: QueryAnswer

    public init(_ answer: QueryAnswer) { self.answer = answer }

    /// From plain values, for faces that draw without a database (previews, the console's tests).
    public init(columns: [(name: String, type: String)], rows: [[String?]], more: Bool = false, command: String? = nil,
                seconds: Double = 0) {
        answer = QueryAnswer(columns: columns.map { QueryColumn(name: $0.name, type: $0.type) }, rows: rows, more: more,
                             command: command, seconds: seconds)
    }

    public var columnNames: [String] { answer.columns.map(\.name) }
    public var columnTypes: [String] { answer.columns.map(\.type) }
    /// Which columns hold numbers (right-aligned).
    public var numeric: [Bool] { answer.columns.map(\.isNumeric) }
    /// NULL is nil, distinct from "".
    public var rows: [[String?]] { answer.rows }
    /// More rows followed than were fetched.
    public var more: Bool { answer.more }
    public var command: String? { answer.command }
    public var seconds: Double { answer.seconds }
    public var hasRows: Bool { answer.hasRows }
    /// The grid as CSV (NULL an empty field, '' as `""`), for export.
    public var csv: String { answer.csv }
    public static var nullMark: String { QueryAnswer.nullMark }
}

/// How an ad hoc statement ended.
public enum QueryOutcome: Sendable, Equatable {
    case answered(QueryGrid)
    /// The server's error: the message (SQLSTATE first), and the line with a caret under its position.
    case failed(message: String, caret: [String])
    /// It writes, and the prompt is read-only: nothing was changed.
    case refusedWrite(message: String)
    case cancelled
}

extension RunbookSession {
    /// Runs `sql` on the session's database, read-only unless `write`; cancelling the calling task
    /// cancels it on the server (PQcancel). At most `limit` rows are fetched.
    public func query(_ sql: String, write: Bool = false, limit: Int = 1_000) async -> QueryOutcome {
        guard let analysis = analysis() else { return .failed(message: analysisUnavailable, caret: []) }
        let query = AdHocQuery(sql, limit: limit, write: write)
        do {
            return .answered(QueryGrid(try await analysis.run(query)))
        } catch {
            if error.isCancellation { return .cancelled }
            if AdHocQuery.isRefusedWrite(error) {
                return .refusedWrite(message: "\(error.sqlState ?? "25006"): \(error.message) — nothing was changed")
            }
            let caret = error.position.flatMap { ErrorCaret.lines(sql: query.statement, position: $0) } ?? []
            return .failed(message: "\(error.sqlState ?? "error"): \(error.message)", caret: caret)
        }
    }
}

/// The live database's tables as the SQL view's catalog lists them (Runbook's type over the warehouse's):
/// sparkify's tables first, each with its row count and its columns with types.
public struct SQLCatalog: Sendable, Equatable {
    public struct Table: Sendable, Equatable {
        public var name: String
        /// nil when it could not be counted.
        public var rows: Int?
        public var columns: [Column]
    }

    public struct Column: Sendable, Equatable {
        public var name: String
        public var type: String
    }

    public var tables: [Table]
    /// When it was read.
    public var at: Date

    init(_ catalog: DatabaseCatalog) {
        tables = catalog.tables.map { table in
            Table(name: table.name, rows: table.rows, columns: table.columns.map { Column(name: $0.name, type: $0.type) })
        }
        at = catalog.at
    }

    /// From plain values, for faces that draw without a database (previews, the console's tests).
    public init(tables: [(name: String, rows: Int?, columns: [(name: String, type: String)])], at: Date) {
        self.tables = tables.map { table in
            Table(name: table.name, rows: table.rows, columns: table.columns.map { Column(name: $0.name, type: $0.type) })
        }
        self.at = at
    }
}
