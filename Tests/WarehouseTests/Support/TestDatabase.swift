import Config
import Foundation
import TestSupport
import Testing
import Warehouse

/// The test process's PostgreSQL, and a fresh schema per test so parallel tests never meet.
enum TestDatabase {
    /// The test process's PostgreSQL (TestSupport starts it once, on a free loopback port).
    static func settings() async throws -> DatabaseSettings {
        try await TestServers.postgres()
    }

    static func connect(observer: StatementObserver? = nil) async throws -> Connection {
        try await Connection.open(settings(), observer: observer)
    }

    /// Runs `body` on a connection whose search_path is a new schema, dropped afterwards.
    static func withSchema<T>(isolation: isolated (any Actor)? = #isolation,
                              observer: StatementObserver? = nil,
                              _ body: (Connection, String) async throws -> T) async throws -> T {
        let connection = try await connect(observer: observer)
        let schema = "test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        try await connection.execute("CREATE SCHEMA \(schema)")
        try await connection.execute("SET search_path TO \(schema)")
        do {
            let value = try await body(connection, String(schema))
            try await connection.execute("DROP SCHEMA \(schema) CASCADE")
            await connection.close()
            return value
        } catch {
            _ = try? await connection.execute("DROP SCHEMA \(schema) CASCADE")
            await connection.close()
            throw error
        }
    }
}

/// Collects what a connection's callbacks deliver, for assertions.
final class Collected<Element: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [Element] = []

    func append(_ item: Element) { lock.withLock { items.append(item) } }
    var all: [Element] { lock.withLock { items } }
}
