import Foundation
import Testing
@testable import Warehouse

/// The SQL view's catalog, read from the live database's own catalog rather than the schema model.
@Suite("Database catalog")
struct DatabaseCatalogTests {
    @Test func redshiftReadsItsSystemViews() {
        #expect(DatabaseCatalog.columnsQuery(.redshift) == """
            SELECT c.table_name, c.column_name, c.data_type, c.character_maximum_length
            FROM svv_columns c
            JOIN svv_tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
            WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
            ORDER BY c.table_name, c.ordinal_position
            """)
        #expect(DatabaseCatalog.columnsQuery(.postgres) == """
            SELECT c.table_name, c.column_name, c.data_type, c.character_maximum_length
            FROM information_schema.columns c
            JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
            WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
            ORDER BY c.table_name, c.ordinal_position
            """)
    }

    @Test func everyTableIsCountedInOneStatementWithItsNameQuoted() {
        #expect(DatabaseCatalog.countsQuery(["users", #"odd "name's"#]) == """
            SELECT 'users', count(*) FROM "users"
            UNION ALL SELECT 'odd "name''s', count(*) FROM "odd ""name's"
            """)
    }

    @Test func typesReadAsTheDDLWritesThem() {
        #expect(DatabaseCatalog.shortType("character varying", length: 64) == "varchar(64)")
        #expect(DatabaseCatalog.shortType("timestamp without time zone", length: nil) == "timestamp")
        #expect(DatabaseCatalog.shortType("double precision", length: nil) == "double precision")
        #expect(DatabaseCatalog.shortType("character", length: 2) == "char(2)")
    }

    @Test func sparkifysTablesComeFirstInTheSchemaModelsOrder() {
        #expect(DatabaseCatalog.ordered(["zebra", "users", "etl_runs", "alpha", "staging_events", "songplays"])
                == ["songplays", "users", "staging_events", "etl_runs", "alpha", "zebra"])
    }

    @Test func liveTablesColumnsAndCounts() async throws {
        try await TestDatabase.withSchema { connection, _ in
            let empty = try await DatabaseCatalog.read(on: connection)
            #expect(empty.tables == [])
            for statement in DDL.createTablesStatements(dialect: .postgres) { try await connection.execute(statement) }
            try await connection.execute("INSERT INTO users (user_id, level) VALUES ('1', 'free'), ('2', 'paid')")
            try await connection.execute("CREATE TABLE notes (id integer, body text)")
            try await connection.execute("INSERT INTO notes VALUES (1, 'a')")
            // A view is not a table: not listed, not counted.
            try await connection.execute("CREATE VIEW paid_users AS SELECT * FROM users WHERE level = 'paid'")
            let catalog = try await DatabaseCatalog.read(on: connection)
            #expect(catalog.tables.map(\.name) == [
                "songplays", "users", "songs", "artists", "time", "staging_events", "staging_songs",
                "etl_runs", "load_errors", "etl_objects", "notes",
            ])
            #expect(catalog.tables.map(\.rows) == [0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 1])
            #expect(catalog.tables.last == .init(name: "notes", columns: [.init(name: "id", type: "integer"), .init(name: "body", type: "text")], rows: 1))
            // What the database says agrees with the schema model the DDL came from.
            for table in WarehouseSchema.all {
                let listed = catalog.tables.first { $0.name == table.name }
                #expect(listed?.columns == table.columns.map { .init(name: $0.databaseName, type: $0.type.sql.lowercased()) }, "\(table.name)")
            }
            // Read-only and rolled back: the connection is outside any transaction.
            #expect(try await connection.execute("SHOW transaction_read_only").scalar == "off")
        }
    }
}
