import Config
import Foundation
import Warehouse

/// The questions a face asks the warehouse beside the runbook's steps: the insights, an ad hoc query,
/// the run history and a run's rejected records. Built from the session's world and what it last
/// observed (so it reaches the same database the steps use); each call opens its own connection and
/// closes it, and cancelling the calling task cancels its statement on the server (PQcancel).
public struct WarehouseAnalysis: Sendable {
    public let database: DatabaseSettings
    public var dialect: Dialect?
    /// Where each statement is reported (the log panel); nil for headless output that must stay one object.
    public var statements: StatementObserver?

    public init(database: DatabaseSettings, dialect: Dialect? = nil, statements: StatementObserver? = nil) {
        self.database = database
        self.dialect = dialect
        self.statements = statements
    }

    /// The database of `world` as `observation` knows it; nil when there is none yet (no `[CLUSTER] HOST`
    /// and no cluster with an endpoint): `observation.databasePrecondition` says what to do.
    public init?(world: RunbookWorld, observation: Observation, dialect: Dialect? = nil, reportStatements: Bool = true) {
        guard let database = world.database(for: observation) else { return nil }
        self.init(database: database, dialect: dialect, statements: reportStatements ? world.statements : nil)
    }

    /// The analysts' answers (``Insights``), `top` rows per list.
    public func insights(top: Int = Insights.defaultTop) async throws(DatabaseError) -> Insights {
        try await withConnection { connection throws(DatabaseError) in try await Insights.read(top: top, on: connection) }
    }

    /// The live database's tables, columns with types and row counts (the SQL view's catalog).
    public func catalog() async throws(DatabaseError) -> DatabaseCatalog {
        try await withConnection { connection throws(DatabaseError) in try await DatabaseCatalog.read(on: connection) }
    }

    /// Runs `query` (read-only unless it says `write`).
    public func run(_ query: AdHocQuery) async throws(DatabaseError) -> QueryAnswer {
        try await withConnection { connection throws(DatabaseError) in try await query.run(on: connection) }
    }

    /// The `limit` most recent runs with their stages, newest first.
    public func runs(limit: Int = 20) async throws(DatabaseError) -> [ETLRunSummary] {
        try await withConnection { connection throws(DatabaseError) in
            try await ETLRunLog(connection: connection).summaries(runs: limit)
        }
    }

    /// The records rejected during run `runID` (the latest run when nil), with that run; nil when no
    /// such run is recorded.
    public func loadErrors(runID: String? = nil) async throws(DatabaseError) -> RunLoadErrors? {
        try await withConnection { connection throws(DatabaseError) in
            let runs = try await ETLRunLog(connection: connection).summaries(runs: runID == nil ? 1 : 1_000)
            guard let summary = runID.map({ id in runs.first { $0.run.runID == id } }) ?? runs.first else { return nil }
            return RunLoadErrors(run: summary, errors: try await LoadErrorReader.errors(of: summary.run, on: connection))
        }
    }

    /// The `limit` most recent runs, each with its rejected records, on one connection.
    public func history(limit: Int = 20) async throws(DatabaseError) -> RunHistory {
        try await withConnection { connection throws(DatabaseError) in
            let runs = try await ETLRunLog(connection: connection).summaries(runs: limit)
            var errors: [String: [LoadErrorRecord]] = [:]
            for summary in runs {
                errors[summary.run.runID] = try await LoadErrorReader.errors(of: summary.run, on: connection)
            }
            return RunHistory(runs: runs, errors: errors)
        }
    }

    private func withConnection<T: Sendable>(_ body: (Connection) async throws(DatabaseError) -> T) async throws(DatabaseError) -> T {
        let connection = try await Connection.open(database, dialect: dialect, observer: statements)
        do {
            let value = try await body(connection)
            await connection.close()
            return value
        } catch {
            await connection.close()
            throw error
        }
    }
}

/// A run and the records its staging loads rejected.
public struct RunLoadErrors: Sendable, Equatable {
    public var run: ETLRunSummary
    public var errors: [LoadErrorRecord]

    public init(run: ETLRunSummary, errors: [LoadErrorRecord]) {
        self.run = run
        self.errors = errors
    }
}

extension RunbookSession {
    /// The warehouse as the session sees it now: the database its steps use, statements to its log.
    /// nil when there is no database yet.
    public func analysis(reportStatements: Bool = true) -> WarehouseAnalysis? {
        WarehouseAnalysis(world: work.world, observation: engine.observation, dialect: work.dialect,
                          reportStatements: reportStatements)
    }

    /// Why ``analysis(reportStatements:)`` is nil: what the operator must do for a database first.
    public var analysisUnavailable: String {
        engine.observation.databasePrecondition ?? "no database configured: set [CLUSTER] HOST in dwh.cfg"
    }
}
