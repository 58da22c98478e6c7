import Foundation

/// How a run or a stage ended. `interrupted`: its session ended before it could say (connection lost,
/// server stopped, process killed); written by the next session that finds the row (``ETLRunLog/closeOrphans()``).
public enum ETLOutcome: String, Sendable, Codable {
    case running, succeeded, failed, cancelled, interrupted
}

/// A run in progress: what `ETLRunLog.start` returns and the other calls take.
public struct ETLRun: Sendable, Equatable {
    public let id: String
    public let startedAt: Date
}

/// One row of `etl_runs`: a run as a whole (`stage == "run"`) or one of its stages.
public struct ETLRunRecord: Sendable, Equatable {
    public var runID: String
    public var stage: String
    public var startedAt: Date
    public var finishedAt: Date?
    public var rows: Int?
    public var bytes: Int?
    public var seconds: Double?
    public var outcome: ETLOutcome
    public var message: String?
    /// Who ran it, on which host, with which sparkify: the run's own row only (nil on its stages, and on
    /// runs recorded before etl_runs had these columns).
    public var user: String? = nil
    public var host: String? = nil
    public var version: String? = nil

    /// "ann@laptop", or nil when the run recorded neither.
    public var ranBy: String? {
        switch (user, host) {
        case (nil, nil): return nil
        case (let user, let host): return (user ?? "?") + "@" + (host ?? "?")
        }
    }

    /// While a run is running its message names the database backend running it ("backend 12345"), so
    /// a run whose process was killed can be told from one still in progress (``ETLRunLog/isAlive(backend:)``).
    public var backend: Int? {
        guard outcome == .running, let message, message.hasPrefix(ETLRunLog.backendPrefix) else { return nil }
        return Int(message.dropFirst(ETLRunLog.backendPrefix.count))
    }
}

/// The `etl_runs` history (PRODUCT §3). The orchestrator calls `start`, then `record` after each stage's
/// transaction has committed or rolled back (the log is written outside the stage transactions, so a
/// failed stage is still on record), then `finish`.
public struct ETLRunLog: Sendable {
    /// The summary row's stage name.
    public static let runStage = "run"
    /// A running run's message: "backend PID".
    static let backendPrefix = "backend "

    public let connection: Connection

    public init(connection: Connection) {
        self.connection = connection
    }

    /// Creates etl_runs when missing and records a new run as running, by this process's user and host.
    public func start(at date: Date = Date()) async throws(DatabaseError) -> ETLRun {
        let run = Self.newRun(at: date)
        return try await start(run, by: .current(run.id, at: date))
    }

    /// A run's identity before it is recorded (the run lock is taken in its name first): its id,
    /// `20181130T002207Z-1a2b3c`, is sortable and unique without a sequence, which Redshift lacks.
    public static func newRun(at date: Date = Date()) -> ETLRun {
        ETLRun(id: runID(at: date, suffix: String(UInt32.random(in: 0...UInt32.max), radix: 16)), startedAt: date)
    }

    /// Creates etl_runs when missing (or adds the columns an older one lacks) and records `run` as
    /// running by `holder` — the run lock's holder, so etl_runs and etl_lock name the same user and
    /// host — with sparkify `version`.
    public func start(_ run: ETLRun, by holder: RunLock.Holder, version: String? = nil) async throws(DatabaseError) -> ETLRun {
        try await prepareTable()
        let date = run.startedAt
        let backend = try await connection.execute("SELECT pg_backend_pid()").scalar
        try await insert(ETLRunRecord(runID: run.id, stage: Self.runStage, startedAt: date, finishedAt: nil, rows: nil,
                                      bytes: nil, seconds: nil, outcome: .running,
                                      message: backend.map { Self.backendPrefix + $0 },
                                      user: holder.user, host: holder.host, version: version))
        return run
    }

    /// Creates etl_runs when missing; a table an older sparkify created gains the columns it lacks in
    /// place (ALTER TABLE … ADD COLUMN), keeping its rows. Callers hold the run lock, so no two sessions
    /// alter it at once.
    public func prepareTable() async throws(DatabaseError) {
        let table = WarehouseSchema.etlRuns
        try await connection.execute(DDL.createTable(table, dialect: connection.dialect, ifNotExists: true))
        for statement in DDL.addMissingColumns(table, existing: try await connection.columnNames(of: table.name)) {
            try await connection.execute(statement)
        }
    }

    /// Whether the database backend `backend` (a running run's ``ETLRunRecord/backend``) still has a session:
    /// if not, whoever ran the run is gone without finishing it.
    public func isAlive(backend: Int) async throws(DatabaseError) -> Bool {
        try await Backends.isAlive(backend, on: connection)
    }

    /// Closes every run still `running` whose backend has no session left as `interrupted`, with what
    /// the table knows: the stages it finished and when the last one did. Returns the runs it closed.
    /// Any session may call it (the console's first look, every command): the run's own process is gone.
    /// No etl_runs table yet: nothing to close.
    @discardableResult
    public func closeOrphans() async -> [ETLRunRecord] {
        guard await connection.hasTable(WarehouseSchema.etlRuns.name), let running = try? await connection.execute("""
            SELECT run_id, started_at, message FROM etl_runs WHERE stage = $1 AND outcome = $2
            """, [Self.runStage, ETLOutcome.running.rawValue]) else { return [] }
        var closed: [ETLRunRecord] = []
        for row in running.rows {
            let record = ETLRunRecord(runID: row[0] ?? "", stage: Self.runStage,
                                      startedAt: row[1].flatMap(SQLTimestamp.parse) ?? .distantPast,
                                      outcome: .running, message: row[2])
            guard let backend = record.backend, (try? await isAlive(backend: backend)) == false,
                  let stages = try? await connection.execute("""
                      SELECT stage, finished_at FROM etl_runs WHERE run_id = $1 AND stage <> $2 ORDER BY finished_at
                      """, [record.runID, Self.runStage]) else { continue }
            let done = stages.rows.compactMap { $0[0] }
            let lastEnd = stages.rows.compactMap { $0[1].flatMap(SQLTimestamp.parse) }.max() ?? record.startedAt
            let message = Self.interruptedMessage(backend: backend, stagesDone: done)
            do {
                try await finish(ETLRun(id: record.runID, startedAt: record.startedAt), at: lastEnd,
                                 outcome: .interrupted, message: message)
                closed.append(ETLRunRecord(runID: record.runID, stage: Self.runStage, startedAt: record.startedAt,
                                           finishedAt: lastEnd, outcome: .interrupted, message: message))
            } catch {
                continue
            }
        }
        return closed
    }

    /// What an interrupted run's row says (its outcome says `interrupted`).
    public static func interruptedMessage(backend: Int, stagesDone: [String]) -> String {
        "its database session (backend \(backend)) ended before the run finished "
            + "(connection lost, server stopped or process killed); "
            + (stagesDone.isEmpty ? "no stage had finished" : "stages recorded: " + stagesDone.joined(separator: ", "))
            + "; run etl again"
    }

    /// Records a finished stage (rows and bytes as the stage counted them).
    public func record(_ run: ETLRun, stage: ETLStage, startedAt: Date, finishedAt: Date = Date(), rows: Int?,
                       bytes: Int? = nil, outcome: ETLOutcome, message: String? = nil) async throws(DatabaseError) {
        try await insert(ETLRunRecord(runID: run.id, stage: stage.rawValue, startedAt: startedAt, finishedAt: finishedAt,
                                      rows: rows, bytes: bytes, seconds: finishedAt.timeIntervalSince(startedAt),
                                      outcome: outcome, message: message))
    }

    /// Closes the run's summary row; its rows and bytes are the sums over its stages (checks count
    /// checks, not rows, and are left out).
    public func finish(_ run: ETLRun, at date: Date = Date(), outcome: ETLOutcome, message: String? = nil) async throws(DatabaseError) {
        try await connection.execute("""
            UPDATE etl_runs
            SET finished_at = CAST($2 AS TIMESTAMP),
                seconds = $3,
                outcome = $4,
                message = $5,
                row_count = (SELECT sum(row_count) FROM etl_runs WHERE run_id = $1 AND stage NOT IN ($6, $7)),
                byte_count = (SELECT sum(byte_count) FROM etl_runs WHERE run_id = $1 AND stage NOT IN ($6, $7))
            WHERE run_id = $1 AND stage = $6
            """, [run.id, SQLTimestamp.format(date), String(date.timeIntervalSince(run.startedAt)), outcome.rawValue,
                  message.map { Self.fit($0) }, Self.runStage, ETLStage.checks.rawValue])
    }

    /// The rows of the most recent runs, newest run first, its summary row before its stages in order.
    /// A table an older sparkify created and no run has upgraded yet reads NULL for the columns it lacks.
    public func history(runs: Int = 10) async throws(DatabaseError) -> [ETLRunRecord] {
        let present = try await connection.columnNames(of: WarehouseSchema.etlRuns.name)
        let whoWhere = Self.addedColumns.map { present.contains($0) ? "r." + $0 : "NULL" }.joined(separator: ", ")
        let result = try await connection.execute("""
            SELECT r.run_id, r.stage, r.started_at, r.finished_at, r.row_count, r.byte_count, r.seconds, r.outcome, r.message,
                   \(whoWhere)
            FROM etl_runs r
            JOIN (SELECT run_id, started_at FROM etl_runs WHERE stage = $1 ORDER BY started_at DESC LIMIT \(max(runs, 0))) recent
              ON recent.run_id = r.run_id
            ORDER BY recent.started_at DESC, CASE WHEN r.stage = $1 THEN 0 ELSE 1 END, r.started_at, r.stage
            """, [Self.runStage])
        return result.rows.map { row in
            ETLRunRecord(runID: row[0] ?? "", stage: row[1] ?? "", startedAt: row[2].flatMap(SQLTimestamp.parse) ?? .distantPast,
                         finishedAt: row[3].flatMap(SQLTimestamp.parse), rows: row[4].flatMap { Int($0) },
                         bytes: row[5].flatMap { Int($0) }, seconds: row[6].flatMap { Double($0) },
                         outcome: row[7].flatMap(ETLOutcome.init(rawValue:)) ?? .failed, message: row[8],
                         user: row[9], host: row[10], version: row[11])
        }
    }

    /// The columns etl_runs gained after its first release, in the model's order (read as NULL where missing).
    static let addedColumns = ["username", "hostname", "sparkify_version"]

    private func insert(_ record: ETLRunRecord) async throws(DatabaseError) {
        try await connection.execute("""
            INSERT INTO etl_runs (run_id, stage, started_at, finished_at, row_count, byte_count, seconds, outcome, message,
                                  username, hostname, sparkify_version)
            VALUES ($1, $2, CAST($3 AS TIMESTAMP), CAST($4 AS TIMESTAMP), $5, $6, $7, $8, $9, $10, $11, $12)
            """, [record.runID, record.stage, SQLTimestamp.format(record.startedAt), record.finishedAt.map(SQLTimestamp.format),
                  record.rows.map(String.init), record.bytes.map(String.init), record.seconds.map { String($0) },
                  record.outcome.rawValue, record.message.map { Self.fit($0) }, record.user.map { Self.fit($0, column: "username") },
                  record.host.map { Self.fit($0, column: "hostname") }, record.version.map { Self.fit($0, column: "sparkify_version") }])
    }

    static func runID(at date: Date, suffix: String) -> String {
        let stamp = SQLTimestamp.format(date).prefix(19)
            .replacingOccurrences(of: "-", with: "").replacingOccurrences(of: ":", with: "").replacingOccurrences(of: " ", with: "T")
        return "\(stamp)Z-\(suffix)"
    }

    /// Text is cut to its column's bytes (a message's 1024).
    static func fit(_ message: String, column: String = "message") -> String {
        let limit = WarehouseSchema.etlRuns.column(column)!.type.maxBytes!
        return message.utf8.count > limit ? message.truncated(toBytes: limit - 3) + "…" : message
    }
}
