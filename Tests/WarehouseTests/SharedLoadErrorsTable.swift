import TestSupport
@testable import Warehouse

/// The shared test database's load_errors, created once for every suite in this process: concurrent
/// CREATE TABLE IF NOT EXISTS of one table can fail in PostgreSQL (a duplicate pg_type row, 23505).
enum SharedLoadErrorsTable {
    static func ready() async throws { try await creation.value }

    private static let creation = Task {
        let connection = try await Connection.open(try await TestServers.postgres())
        try await connection.execute(DDL.createTable(WarehouseSchema.loadErrors, dialect: .postgres, ifNotExists: true))
        await connection.close()
    }
}
