import AWS
import Config
import Foundation
import Warehouse

/// Carries out ``EngineAction/observe(_:)``: asks AWS (role, cluster, the port's rules) and the database
/// (connect, which tables exist, row counts, the last ETL run) what exists now. Never throws: what cannot
/// be asked is `.unavailable` with the reason, which the engine turns into blocked or failed steps.
public struct RunbookObserver: Sendable {
    public var provisioning: ProvisioningTarget
    public var region: String
    /// nil: AWS cannot be asked; `awsUnavailable` says why ("no AWS credentials: …").
    public var provisioner: Provisioner?
    public var awsUnavailable: String
    /// nil: no database to ask yet (no `[CLUSTER] HOST`, no sandbox).
    public var database: DatabaseSettings?
    public var dialect: Dialect?
    /// Each statement the observation runs, for the log.
    public var statements: StatementObserver?
    /// Also list the cluster's snapshots (one more call: `iac status` asks, the console's looks do not).
    public var listsSnapshots = false

    public init(provisioning: ProvisioningTarget, region: String, provisioner: Provisioner?,
                awsUnavailable: String = "no AWS credentials", database: DatabaseSettings?, dialect: Dialect? = nil,
                statements: StatementObserver? = nil) {
        self.provisioning = provisioning
        self.region = region
        self.provisioner = provisioner
        self.awsUnavailable = awsUnavailable
        self.database = database
        self.dialect = dialect
        self.statements = statements
    }

    /// The observer for the AWS client the world's steps and observations share: a call made while
    /// observing goes into that observation's ``Observation/note``, any other is reported on its own.
    public static func awsCalls(reporting report: @escaping @Sendable (RunbookEvent) -> Void) -> @Sendable (AWSCallRecord) -> Void {
        ObservationTrace.awsObserver(reporting: report)
    }

    /// `previous` with the parts `scope` names looked at again, and what the look cost as its ``Observation/note``
    /// (one log line, not one per call and statement).
    public func observe(_ scope: ObservationScope, previous: Observation) async -> Observation {
        let trace = ObservationTrace()
        let started = ContinuousClock.now
        var observation = previous
        if scope != .database { observation.aws = await ObservationTrace.$current.withValue(trace) { await observeAWS(identity: previous.aws.value?.identity) } }
        if scope != .aws { (observation.database, observation.etlRun) = await observeDatabase(trace: trace, previous: previous.database.value?.tables) }
        let elapsed = (ContinuousClock.now - started).components
        var existing: Int?
        var problem: String?
        if scope != .aws, database != nil {
            switch observation.database {
            case .known(let facts): existing = facts.tables.map { $0.tables.filter { $0.rows != nil }.count }
            case .unavailable(let why): problem = why
            case .unknown: break
            }
        }
        observation.note = ObservationNote(awsCalls: trace.calls, tablesExisting: existing,
                                           tablesKnown: WarehouseSchema.counted.count, databaseProblem: problem,
                                           seconds: Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18,
                                           detail: trace.detail)
        return observation
    }

    /// `identity`: who the credentials are, when an earlier look asked (it does not change for a world).
    func observeAWS(identity: String? = nil) async -> Observed<AWSFacts> {
        guard let provisioner else { return .unavailable(awsUnavailable) }
        do {
            let observed = try await provisioner.observe(provisioning)
            var facts = AWSFacts(region: region, observed: observed, target: provisioning)
            if listsSnapshots { facts.snapshots = try await provisioner.snapshots(provisioning).map(ClusterSnapshotFact.init) }
            // Asked once: a principal that may not call GetCallerIdentity still gets its look.
            if let identity { facts.identity = identity } else { facts.identity = try? await provisioner.sts.identityLine() }
            return .known(facts)
        } catch {
            return .unavailable(error.description)
        }
    }

    /// `previous`: the counts to keep while another session's run holds the run lock (its staging
    /// transaction locks the table it loads, and counting would wait for it).
    func observeDatabase(trace: ObservationTrace, previous: RowCounts? = nil) async -> (Observed<DatabaseFacts>, ETLRunFact?) {
        guard let database else { return (.unknown, nil) }
        let clock = ContinuousClock()
        let started = clock.now
        let connection: Connection
        do {
            // The connection detects the dialect (its one `SELECT version()`); statements go to the trace.
            connection = try await Connection.open(database, dialect: dialect, connectTimeoutSeconds: 5, observer: trace.add)
        } catch {
            return (.unavailable(error.description), nil)
        }
        do {
            let latency = started.duration(to: clock.now)
            // The catalog says which tables exist: a fresh database costs no failing statement.
            let existing = try await TableCatalog.existing(WarehouseSchema.counted.map(\.name) + [WarehouseSchema.etlRuns.name, RunLock.table],
                                                           on: connection)
            let log = ETLRunLog(connection: connection)
            let hasRuns = existing.contains(WarehouseSchema.etlRuns.name)
            // A run whose session is gone is closed as interrupted first.
            if hasRuns { await log.closeOrphans() }
            // While another session's run holds the lock, counting would wait on its staging transaction.
            let holder = await RunLock.holder(on: connection, tableExists: existing.contains(RunLock.table))
            let counts = holder == nil ? try await RowCounts.count(on: connection, existing: existing) : previous
            // No etl_runs table yet: no run to report.
            let history = hasRuns ? ((try? await log.history(runs: 1)) ?? []) : []
            let run = ETLRunFact(history: history)
            await connection.close()
            let address = "\(database.user)@\(database.host):\(database.port)/\(database.database)"
            let seconds = Double(latency.components.seconds) + Double(latency.components.attoseconds) / 1e18
            return (.known(DatabaseFacts(dialect: connection.dialect, address: address, latency: seconds, tables: counts,
                                         runLock: holder?.description)), run)
        } catch {
            await connection.close()
            return (.unavailable(error.description), nil)
        }
    }
}
