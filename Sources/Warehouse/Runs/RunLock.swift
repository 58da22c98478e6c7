import Foundation
import Synchronization

/// One run at a time per warehouse (#9): an `etl` or `create-tables` holds this lock from before its
/// first statement to its end, and a second one is refused at once, naming the first.
///
/// On PostgreSQL the lock is a session advisory lock, so it dies with its session (a killed process, a
/// terminated backend, a stopped server). Redshift has no advisory locks: there the lock is the row of
/// `etl_lock`, claimed under `LOCK etl_lock` (an exclusive table lock, so two claims cannot both see it
/// free) and deleted at the end; a row whose backend has no session left (`stv_sessions`) is stale and
/// taken over. Both dialects keep the row, which says who holds the lock for the refusal's message.
public struct RunLock: Sendable {
    /// How the lock is held: what the dialect allows.
    public enum Mechanism: Sendable, Equatable {
        case advisory
        case lockRow
    }

    /// Who holds (or asks for) the lock.
    public struct Holder: Sendable, Equatable, CustomStringConvertible {
        /// The run id, or the command (`create-tables`) for work that is not an ETL run.
        public var work: String
        public var user: String
        public var host: String
        public var startedAt: Date
        /// The holder's database backend (pg_backend_pid), which tells a live holder from a dead one.
        public var backend: Int

        public init(work: String, user: String, host: String, startedAt: Date, backend: Int = 0) {
            self.work = work
            self.user = user
            self.host = host
            self.startedAt = startedAt
            self.backend = backend
        }

        /// This process's user and host, for `work` starting now.
        public static func current(_ work: String, at date: Date = Date()) -> Holder {
            let user = ProcessInfo.processInfo.environment["USER"] ?? NSUserName()
            return Holder(work: work, user: user.isEmpty ? "unknown" : user, host: hostName(), startedAt: date)
        }

        /// gethostname(2): no name-service lookup, which can hang where DNS is broken.
        public static func hostName() -> String {
            var buffer = [CChar](repeating: 0, count: 256)
            guard gethostname(&buffer, buffer.count - 1) == 0 else { return "unknown" }
            return String(cString: buffer)
        }

        /// "run 20181130T002207Z-1a2b started 12:01:07 UTC by ann@laptop"
        public var description: String {
            let time = SQLTimestamp.format(startedAt).dropFirst(11).prefix(8)
            let what = work.first?.isNumber == true ? "run \(work)" : work
            return "\(what) started \(time) UTC by \(user)@\(host)"
        }
    }

    /// Why the lock was not had.
    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        /// Someone else holds it; nil when its row is not written yet (it is taking the lock right now).
        case held(Holder?)
        case database(DatabaseError)

        public var description: String {
            switch self {
            case .held(let holder?): return "\(holder) is in progress — wait, or cancel it there"
            case .held(nil): return "another run is starting on this warehouse — wait, or cancel it there"
            case .database(let error): return "cannot take the run lock: \(error)"
            }
        }
    }

    /// The lock row's table: outside the schema model, so `create-tables` (which holds the lock) never drops it.
    public static let table = "etl_lock"
    /// The advisory lock's keys: "SPKF" and the current schema's hash. Advisory locks are per database;
    /// the warehouse's tables are per schema, and runs into different schemas do not meet.
    static let advisoryKeys = "\(0x5350_4B46), ('x' || substr(md5(current_schema()), 1, 8))::bit(32)::int"

    public let connection: Connection
    public let mechanism: Mechanism
    /// The holder as recorded (its backend filled in).
    public let holder: Holder
    /// A stale row this claim replaced (its holder's session had ended without releasing): for the log.
    public let tookOver: Holder?

    /// The mechanism the connection's dialect supports.
    public static func mechanism(for dialect: Dialect) -> Mechanism { dialect == .redshift ? .lockRow : .advisory }

    /// Takes the lock for `holder` on `connection`'s session, or fails with who holds it.
    public static func acquire(on connection: Connection, for holder: Holder,
                               mechanism: Mechanism? = nil) async throws(Failure) -> RunLock {
        let mechanism = mechanism ?? Self.mechanism(for: connection.dialect)
        do {
            var holder = holder
            holder.backend = Int(try await connection.execute("SELECT pg_backend_pid()").scalar ?? "") ?? 0
            switch mechanism {
            case .advisory:
                guard try await connection.execute("SELECT pg_try_advisory_lock(\(advisoryKeys))").scalar == "t" else {
                    throw Failure.held(try? await rows(on: connection).first)
                }
                try await createTable(on: connection)
                // Any row left is stale: its session ended (and with it the advisory lock) without deleting it.
                let stale = try await rows(on: connection).first
                try await connection.execute("DELETE FROM \(table)")
                try await insert(holder, on: connection)
                heldHere.withLock { _ = $0.insert(holder.backend) }
                return RunLock(connection: connection, mechanism: mechanism, holder: holder, tookOver: stale)
            case .lockRow:
                try await createTable(on: connection)
                let stale = try await connection.transaction { connection in
                    try await connection.execute("LOCK \(table)")
                    let current = try await rows(on: connection).first
                    if let current {
                        guard try await !Backends.isAlive(current.backend, on: connection) else { throw Failure.held(current) }
                        try await connection.execute("DELETE FROM \(table)")
                    }
                    try await insert(holder, on: connection)
                    return current
                }
                heldHere.withLock { _ = $0.insert(holder.backend) }
                return RunLock(connection: connection, mechanism: mechanism, holder: holder, tookOver: stale)
            }
        } catch let failure as Failure {
            throw failure
        } catch let error as DatabaseError {
            throw .database(error)
        } catch {
            throw .database(DatabaseError(kind: .server, message: "\(error)"))
        }
    }

    /// Who holds the lock now, if a live session other than this process's own does (for the console's
    /// look at the database: this process's run is shown by its own events).
    /// `tableExists`: what the caller's catalog look already says (saves asking again).
    public static func holder(on connection: Connection, includingThisProcess: Bool = false,
                              tableExists: Bool? = nil) async -> Holder? {
        let exists: Bool
        if let tableExists { exists = tableExists } else { exists = await connection.hasTable(table) }
        guard exists, let row = try? await rows(on: connection).first,
              includingThisProcess || !heldHere.withLock({ $0.contains(row.backend) }),
              (try? await Backends.isAlive(row.backend, on: connection)) == true else { return nil }
        return row
    }

    /// The backends whose lock this process holds.
    private static let heldHere = Mutex<Set<Int>>([])

    /// Gives the lock up. A lost connection gives it up by itself (advisory), or leaves a row the next
    /// claim finds stale (lock row); so errors are dropped.
    public func release() async {
        Self.heldHere.withLock { _ = $0.remove(holder.backend) }
        await Self.releaseStale(holder, on: connection)
        if mechanism == .advisory {
            _ = try? await connection.execute("SELECT pg_advisory_unlock(\(Self.advisoryKeys))")
        }
    }

    /// Deletes `holder`'s row from another session, once its own session is known to be gone.
    public static func releaseStale(_ holder: Holder, on connection: Connection) async {
        heldHere.withLock { _ = $0.remove(holder.backend) }
        _ = try? await connection.execute("DELETE FROM \(table) WHERE work = $1 AND backend = $2",
                                          [holder.work, String(holder.backend)])
    }

    /// "took over the run lock from run R started … by u@h: its session is gone"
    public var takeOverNote: String? {
        tookOver.map { "took over the run lock from \($0): its database session is gone" }
    }

    // MARK: - The row

    private static func createTable(on connection: Connection) async throws(DatabaseError) {
        try await connection.execute("""
            CREATE TABLE IF NOT EXISTS \(table) (
                work VARCHAR(64) NOT NULL, username VARCHAR(128), hostname VARCHAR(256),
                started_at TIMESTAMP NOT NULL, backend INTEGER NOT NULL)
            """)
    }

    private static func insert(_ holder: Holder, on connection: Connection) async throws(DatabaseError) {
        try await connection.execute("""
            INSERT INTO \(table) (work, username, hostname, started_at, backend)
            VALUES ($1, $2, $3, CAST($4 AS TIMESTAMP), $5)
            """, [holder.work, String(holder.user.prefix(128)), String(holder.host.prefix(256)),
                  SQLTimestamp.format(holder.startedAt), String(holder.backend)])
    }

    private static func rows(on connection: Connection) async throws(DatabaseError) -> [Holder] {
        try await connection.execute("SELECT work, username, hostname, started_at, backend FROM \(table) ORDER BY started_at")
            .rows.map { row in
                Holder(work: row[0] ?? "", user: row[1] ?? "", host: row[2] ?? "",
                       startedAt: row[3].flatMap(SQLTimestamp.parse) ?? .distantPast, backend: Int(row[4] ?? "") ?? 0)
            }
    }
}
