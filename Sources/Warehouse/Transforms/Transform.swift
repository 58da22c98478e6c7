import Foundation

/// Runs a transform stage against the warehouse.
public enum Transform {
    /// What a transform did.
    public struct Outcome: Sendable, Equatable {
        public var stage: ETLStage
        /// Rows now in the table.
        public var rows: Int
        public var seconds: Double
    }

    /// Rebuilds the stage's table in one transaction (see `TransformSQL`): on any error or cancellation
    /// the table keeps its previous rows. Uses the connection's dialect.
    @discardableResult
    public static func run(_ stage: ETLStage, on connection: Connection) async throws -> Outcome {
        let statements = TransformSQL.statements(for: stage, dialect: connection.dialect)
        precondition(!statements.isEmpty, "\(stage.rawValue) is not a transform stage")
        let started = Date()
        let rows = try await connection.transaction { connection in
            var inserted: Int?
            for statement in statements {
                let result = try await connection.execute(statement)
                // The rows come from the INSERT; the key built after it reports none.
                if statement.hasPrefix("INSERT") { inserted = result.affectedRows ?? 0 }
            }
            // A DO block (PostgreSQL's songs) reports no rows: count them.
            if let inserted { return inserted }
            return Int(try await connection.execute(stage.table!.countQuery).scalar ?? "") ?? 0
        }
        return Outcome(stage: stage, rows: rows, seconds: Date().timeIntervalSince(started))
    }
}
