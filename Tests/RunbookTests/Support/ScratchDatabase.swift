import Config
import Foundation
import TestSupport
import Warehouse

/// A database of its own on the shared test PostgreSQL: ETL runs use the warehouse's fixed table names,
/// so tests that run in parallel must not share a database.
enum ScratchDatabase {
    static func make() async throws -> DatabaseSettings {
        var settings = try await TestServers.postgres()
        let name = "runbook_" + UUID().uuidString.prefix(8).lowercased()
        let admin = try await Connection.open(settings)
        try await admin.execute("CREATE DATABASE \(name)")
        await admin.close()
        settings.database = name
        return settings
    }

    /// A dwh.cfg for `database` reading staging input from local `data`.
    static func config(_ database: DatabaseSettings, data: String, jsonPaths: Bool = true) throws -> DWHConfig {
        var lines = ["[CLUSTER]", "HOST=\(database.host)", "DB_PORT=\(database.port)", "DB_NAME=\(database.database)",
                     "DB_USER=\(database.user)", "DB_PASSWORD=\(database.password?.reveal() ?? "")",
                     "[S3]", "LOG_DATA=\(data)/log_data", "SONG_DATA=file://\(data)/song_data"]
        if jsonPaths { lines.append("LOG_JSONPATH=\(data)/log_json_path.json") }
        return try DWHConfig(file: INIFile(parsing: lines.joined(separator: "\n"), source: "test.cfg"))
    }
}
