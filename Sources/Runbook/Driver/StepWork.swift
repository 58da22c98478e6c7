import AWS
import Config
import Foundation
import Warehouse

/// News from a step while it runs, for the engine (``RunbookSession`` forwards it).
public enum StepNews: Sendable {
    case provisioning(ProvisioningEvent)
    case etl(ETLEvent)
    case warning(String)
    /// Step R's counts: the tables panel and `counts --json` show these, not an earlier look's.
    case counted(RowCounts)
}

/// Carries one runbook step out against the world (the I/O behind ``EngineAction/run(_:)``). Every step
/// is idempotent: what already exists is reported as done. Cancellation is the task's: transfers are
/// aborted, the running query cancelled (PQcancel) and its transaction rolled back by the code below.
public struct StepWork: Sendable {
    public var world: RunbookWorld
    /// `iac down --snapshot`: a final snapshot before the cluster is deleted.
    public var finalSnapshot: String?
    public var revokeCIDRs: [String] = []
    /// MAXERROR for the staging loads.
    public var maxError = 0
    /// `--dialect`: what `version()` would detect, forced.
    public var dialect: Dialect?
    /// `etl --stage`: only these (all when empty).
    public var stages: Set<ETLStage> = []
    /// `etl --incremental`: only new objects, final tables updated in place.
    public var incremental = false
    /// With `incremental`: what the console's preview listed, so the run does not list again.
    public var listing: SourceListing?

    public init(world: RunbookWorld) {
        self.world = world
    }

    public func run(_ step: RunbookStep, observation: Observation,
                    news: @escaping @Sendable (StepNews) -> Void) async -> StepOutcome {
        if step.usesAWS, world.provisioner == nil { return .failed(world.awsUnavailable) }
        do {
            let outcome: StepOutcome
            switch step {
            case .iamRole, .cluster, .openPort: outcome = try await provision(step, news: news)
            case .cleanUp: outcome = try await cleanUp(news: news)
            case .pause, .resume: outcome = try await pauseOrResume(step, news: news)
            case .connect: outcome = try await connect(observation)
            case .createTables: outcome = try await createTables(observation)
            case .etl: outcome = try await etl(observation, news: news)
            case .counts: outcome = try await counts(observation, news: news)
            }
            // Finished is finished: a cancel that arrives after the work completed changed nothing.
            return outcome
        } catch where Task.isCancelled {
            // Whatever the error says, the operator cancelled and the work was rolled back.
            return .cancelled
        } catch let error as ProvisioningError {
            return error == .cancelled ? .cancelled : .failed(error.description)
        } catch let error as DatabaseError {
            return error.isCancellation ? .cancelled : .failed(error.description)
        } catch let error as ETLError {
            return error.isCancellation ? .cancelled : .failed(error.description)
        } catch {
            return .failed("\(error)")
        }
    }

    // MARK: Steps 1–3, 5

    private func provision(_ step: RunbookStep, news: @escaping @Sendable (StepNews) -> Void) async throws(ProvisioningError) -> StepOutcome {
        let provisioner = world.provisioner!
        let last: ProvisioningStep = step == .iamRole ? .role : step == .cluster ? .cluster : .ingress
        var cidr = "127.0.0.1/32"
        if last == .ingress {
            let choice = try await world.ingressCIDR()
            if let warning = choice.warning { news(.warning(warning)) }
            cidr = choice.cidr
        }
        let observed = try await provisioner.up(world.provisioning, cidr: cidr, through: last) { news(.provisioning($0)) }
        switch last {
        case .role: return .succeeded(observed.role?.arn ?? world.provisioning.roleName)
        case .cluster:
            let endpoint = observed.cluster?.endpoint.map { "\($0.address):\($0.port)" } ?? "no endpoint yet"
            return StepOutcome.succeeded("\(observed.cluster?.identifier ?? world.provisioning.clusterIdentifier) available at \(endpoint)")
        case .ingress: return .succeeded("tcp \(observed.clusterPort(world.provisioning)) from \(cidr)")
        }
    }

    private func cleanUp(news: @escaping @Sendable (StepNews) -> Void) async throws(ProvisioningError) -> StepOutcome {
        _ = try await world.provisioner!.down(world.provisioning, finalSnapshot: finalSnapshot, revokeCIDRs: revokeCIDRs) {
            news(.provisioning($0))
        }
        return .succeeded("nothing of \(world.provisioning.clusterIdentifier) / \(world.provisioning.roleName) remains")
    }

    /// The cluster paused (its compute no longer billed; storage still is) or available again.
    private func pauseOrResume(_ step: RunbookStep, news: @escaping @Sendable (StepNews) -> Void) async throws(ProvisioningError) -> StepOutcome {
        let provisioner = world.provisioner!
        let report: @Sendable (ProvisioningEvent) -> Void = { news(.provisioning($0)) }
        let observed: ObservedResources
        if step == .pause { observed = try await provisioner.pause(world.provisioning, events: report) }
        else { observed = try await provisioner.resume(world.provisioning, events: report) }
        let identifier = observed.cluster?.identifier ?? world.provisioning.clusterIdentifier
        guard step == .resume else {
            return .succeeded("\(identifier) paused: compute is not billed while paused, storage still is")
        }
        let endpoint = observed.cluster?.endpoint.map { "\($0.address):\($0.port)" } ?? "no endpoint yet"
        return .succeeded("\(identifier) available at \(endpoint)")
    }

    // MARK: Step 4, C, E, R

    /// The database the steps use (configured, or the cluster's), for `body`, closed afterwards either way.
    private func withConnection<T>(_ observation: Observation,
                                   _ body: (Connection, DatabaseSettings) async throws -> T) async throws -> T {
        guard let settings = world.database(for: observation) else {
            throw DatabaseError(kind: .connect, message: observation.databasePrecondition ?? "no database configured")
        }
        let connection = try await Connection.open(settings, dialect: dialect, observer: world.statements)
        do {
            let value = try await body(connection, settings)
            await connection.close()
            return value
        } catch {
            await connection.close()
            throw error
        }
    }

    private func connect(_ observation: Observation) async throws -> StepOutcome {
        let clock = ContinuousClock()
        let started = clock.now
        return try await withConnection(observation) { connection, settings in
            let connected = clock.now
            let version = try await connection.execute("SELECT version()").scalar ?? connection.serverVersion
            let answered = clock.now
            return StepOutcome.succeeded("\(settings.user)@\(settings.host):\(settings.port)/\(settings.database) — \(connection.dialect.rawValue), "
                + "connect \(Self.milliseconds(started.duration(to: connected))) ms, SELECT version() "
                + "\(Self.milliseconds(connected.duration(to: answered))) ms — \(version)")
        }
    }

    static func milliseconds(_ duration: Duration) -> String {
        let ms = Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
        return String(format: "%.1f", ms)
    }

    private func createTables(_ observation: Observation) async throws -> StepOutcome {
        try await withConnection(observation) { connection, _ in
            // The same lock as an ETL run: tables are not dropped under a run that is loading them.
            let lock = try await RunLock.acquire(on: connection, for: .current("create-tables"))
            do { try await TableSetup.recreate(on: connection) } catch {
                await lock.release()
                throw error
            }
            await lock.release()
            return StepOutcome.succeeded("\(WarehouseSchema.counted.count) tables created (\(connection.dialect.rawValue))")
        }
    }

    /// What `etl --incremental` would stage now (``EngineAction/previewIncremental``); never throws:
    /// a database that cannot be reached is a preview that says so.
    public func previewIncremental(_ observation: Observation) async -> (preview: IncrementalPreview, listing: SourceListing?) {
        do {
            return try await withConnection(observation) { connection, settings in
                await runner(connection, settings) { _ in }.previewIncremental()
            }
        } catch {
            return (.unavailable("\(error)"), nil)
        }
    }

    private func runner(_ connection: Connection, _ settings: DatabaseSettings,
                        onEvent: @escaping @Sendable (ETLEvent) -> Void) -> ETLRunner {
        ETLRunner(connection: connection, config: world.config, source: ObjectSource(s3: world.s3), maxError: maxError,
                  settings: settings, onEvent: onEvent)
    }

    private func etl(_ observation: Observation, news: @escaping @Sendable (StepNews) -> Void) async throws -> StepOutcome {
        try await withConnection(observation) { connection, settings in
            var runner = runner(connection, settings) { news(.etl($0)) }
            if connection.dialect == .redshift {
                let (facts, warnings) = await world.copyFacts(database: settings)
                warnings.forEach { news(.warning($0)) }
                runner.copyFacts = facts
            }
            runner.incremental = incremental
            runner.listing = listing
            let summary = try await runner.run(stages: stages)
            let rows = summary.stages.first { $0.stage == .songplays }.map { ", songplays \($0.rows) rows" } ?? ""
            return StepOutcome.succeeded(String(format: "run %@ in %.1f s", summary.runID, summary.seconds) + rows)
        }
    }

    private func counts(_ observation: Observation, news: @escaping @Sendable (StepNews) -> Void) async throws -> StepOutcome {
        try await withConnection(observation) { connection, _ in
            let counts = try await RowCounts.count(on: connection)
            news(.counted(counts))
            let total = counts.tables.compactMap(\.rows).reduce(0, +)
            return StepOutcome.succeeded("\(total) rows in \(counts.tables.filter { $0.rows != nil }.count) tables")
        }
    }
}
