/// Step C: drop and create the staging and star tables (the bookkeeping tables only when missing).
public enum TableSetup {
    /// The staging and star tables that hold rows: what `create-tables` would destroy and must confirm.
    public static func populatedTables(on connection: Connection) async throws(DatabaseError) -> [RowCounts.TableCount] {
        try await RowCounts.count(WarehouseSchema.staging + WarehouseSchema.star, on: connection).tables
            .filter { ($0.rows ?? 0) > 0 }
    }

    /// Runs `DDL.createTablesStatements` in the connection's dialect in one transaction: either every
    /// table is new or nothing changed. (Both dialects run DROP / CREATE TABLE transactionally.)
    public static func recreate(on connection: Connection) async throws(DatabaseError) {
        do {
            try await connection.transaction { connection in
                for statement in DDL.createTablesStatements(dialect: connection.dialect) {
                    try await connection.execute(statement)
                }
            }
        } catch let error as DatabaseError {
            throw error
        } catch {
            // The body only throws DatabaseError.
            throw DatabaseError(kind: .connection, message: "\(error)")
        }
    }
}
