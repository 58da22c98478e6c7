/// Which of the tables sparkify knows exist, read from the catalog in one query — so that looking at a
/// fresh database runs no statement that fails (no "relation does not exist" per missing table).
public enum TableCatalog {
    /// The query for `names` (identifiers from the schema model, so quoting them is safe): tables visible
    /// on the search path, as both PostgreSQL and Redshift keep them in `pg_class`.
    public static func query(_ names: [String]) -> String {
        let list = names.map { "'\($0.replacingOccurrences(of: "'", with: "''"))'" }.joined(separator: ", ")
        return "SELECT relname FROM pg_catalog.pg_class WHERE relkind = 'r' AND relname IN (\(list)) "
            + "AND pg_catalog.pg_table_is_visible(oid)"
    }

    /// The names among `names` that exist as tables.
    public static func existing(_ names: [String], on connection: Connection) async throws(DatabaseError) -> Set<String> {
        guard !names.isEmpty else { return [] }
        let result = try await connection.execute(query(names))
        return Set(result.rows.compactMap { $0.first ?? nil })
    }
}
