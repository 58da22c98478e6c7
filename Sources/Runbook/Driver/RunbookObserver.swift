import AWS
import Config
import Foundation
import Warehouse

/// Carries out ``EngineAction/observe(_:)``: asks AWS (role, cluster, the port's rules) and the database
/// (connect, `SELECT version()`, row counts, the last ETL run) what exists now. Never throws: what cannot
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

    /// `previous` with the parts `scope` names looked at again.
    public func observe(_ scope: ObservationScope, previous: Observation) async -> Observation {
        var observation = previous
        if scope != .database { observation.aws = await observeAWS() }
        if scope != .aws { (observation.database, observation.etlRun) = await observeDatabase(previous: previous.database.value?.tables) }
        return observation
    }

    func observeAWS() async -> Observed<AWSFacts> {
        guard let provisioner else { return .unavailable(awsUnavailable) }
        do {
            let observed = try await provisioner.observe(provisioning)
            return .known(AWSFacts(region: region, observed: observed, target: provisioning))
        } catch {
            return .unavailable(error.description)
        }
    }

    /// `previous`: the counts to keep while another session's run holds the run lock (its staging
    /// transaction locks the table it loads, and counting would wait for it).
    func observeDatabase(previous: RowCounts? = nil) async -> (Observed<DatabaseFacts>, ETLRunFact?) {
        guard let database else { return (.unknown, nil) }
        let clock = ContinuousClock()
        let started = clock.now
        let connection: Connection
        do {
            connection = try await Connection.open(database, dialect: dialect, connectTimeoutSeconds: 5, observer: statements)
        } catch {
            return (.unavailable(error.description), nil)
        }
        do {
            _ = try await connection.execute("SELECT version()")
            let latency = started.duration(to: clock.now)
            // No etl_runs table yet: no run to report. A run whose session is gone is closed as interrupted first.
            let log = ETLRunLog(connection: connection)
            await log.closeOrphans()
            let holder = await RunLock.holder(on: connection)
            let counts = holder == nil ? try await RowCounts.count(on: connection) : previous
            let history = (try? await log.history(runs: 1)) ?? []
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
