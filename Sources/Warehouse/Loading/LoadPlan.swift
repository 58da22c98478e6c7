import Foundation

/// What one staging load does: which table, its columns in COPY order, and the COPY options.
public struct LoadPlan: Sendable {
    public var table: String
    public var columns: [LoadColumn]
    public var options: CopyOptions

    public init(table: String, columns: [LoadColumn], options: CopyOptions) {
        self.table = table
        self.columns = columns
        self.options = options
    }

    /// Checks what Redshift checks before loading anything: option values, and one JSONPath expression
    /// per column.
    public func validate() throws(StagingError) {
        try options.validate()
        if case .paths(let paths) = options.format, paths.count != columns.count {
            throw .jsonPathsCount(table: table, expressions: paths.count, columns: columns.count)
        }
    }

    /// Empties the table first, inside the load's transaction (TRUNCATE is transactional in PostgreSQL).
    public var clearStatement: String { "TRUNCATE \(Self.identifier(table))" }

    /// `COPY table (columns) FROM STDIN` in PostgreSQL's text format (tab-separated, `\N` for NULL).
    public var copyStatement: String {
        "COPY \(Self.identifier(table)) (\(columns.map { Self.identifier($0.name) }.joined(separator: ", "))) FROM STDIN"
    }

    /// A plain name stays unquoted (so it folds to lower case, as the DDL's names do); anything else is
    /// quoted.
    static func identifier(_ name: String) -> String {
        let plain = name.utf8.first.map { $0 == 0x5F || ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A } ?? false
            && name.utf8.allSatisfy { $0 == 0x5F || ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A || $0 >= 0x30 && $0 <= 0x39 }
        return plain ? name : "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
