import AWS
import Config
import Foundation
import Warehouse

/// What AWS and the database report right now — everything the runbook's step states are derived from
/// (``Observation/derivedState(of:)``). Nothing in it is remembered from earlier runs: restart sparkify
/// and a fresh observation shows the truth.
public struct Observation: Sendable, Equatable {
    /// Real AWS, or the loopback sandbox (moto + a private PostgreSQL).
    public enum Target: String, Sendable, Codable {
        case aws, sandbox
    }

    public var target: Target
    /// `[CLUSTER] HOST` when the config names one: then C, E and R need nothing from steps 1–3.
    public var configuredHost: String?
    /// `[DWH] DWH_CLUSTER_IDENTIFIER`: the cluster steps 2 and 5 manage, and what step 5's confirmation asks for.
    public var clusterIdentifier: String
    /// `[DWH] DWH_IAM_ROLE_NAME`.
    public var roleName: String
    public var aws: Observed<AWSFacts>
    public var database: Observed<DatabaseFacts>
    /// The latest ETL run recorded in `etl_runs` (this process's or another's); nil when there is none.
    public var etlRun: ETLRunFact?
    /// What the look that produced this cost (calls, statements, time), for the log's one line per look;
    /// the engine's own observation never keeps it.
    public var note: ObservationNote?
    /// AWS is an emulator (an endpoint is configured): nothing there costs money.
    public var emulated = false

    public init(target: Target, configuredHost: String?, clusterIdentifier: String, roleName: String,
                aws: Observed<AWSFacts> = .unknown, database: Observed<DatabaseFacts> = .unknown,
                etlRun: ETLRunFact? = nil) {
        self.target = target
        self.configuredHost = configuredHost
        self.clusterIdentifier = clusterIdentifier
        self.roleName = roleName
        self.aws = aws
        self.database = database
        self.etlRun = etlRun
    }

    /// Nothing observed yet, for the config's cluster and role: the sandbox when the config is a sandbox
    /// profile (`[SANDBOX] STATE`), real AWS otherwise.
    public init(config: DWHConfig) {
        self.init(target: config.sandboxState != nil ? .sandbox : .aws, configuredHost: config.cluster.host,
                  clusterIdentifier: config.provisioning.clusterIdentifier, roleName: config.provisioning.iamRoleName)
    }
}

extension Observation {
    /// A configured host that did not answer, looked at without AWS (headless C, E and R ask only the
    /// database): it may be a paused cluster, so AWS is asked once and the step can say "resume it"
    /// instead of "cannot connect". Once asked, `aws` is known or unavailable and this is false.
    var asksAWSWhyTheHostIsSilent: Bool {
        guard configuredHost != nil, aws == .unknown, case .unavailable = database else { return false }
        return true
    }
}

/// What IAM, Redshift and EC2 report for the configured role, cluster and the cluster port's rules.
public struct AWSFacts: Sendable, Equatable {
    public var region: String
    public var role: RoleFact?
    public var cluster: ClusterFact?
    /// tcp rules on the cluster port.
    public var ingress: [IngressFact]
    /// What the provisioning plan decided from (`iac plan` asks it again with the rule's CIDR).
    public var resources: ObservedResources?
    /// What step 2 would call and create from here (its confirmation on real AWS shows it).
    public var clusterPlan: ProvisioningPreview?
    /// The cluster's snapshots, oldest first; nil when not looked at (only `iac status` asks).
    public var snapshots: [ClusterSnapshotFact]?
    /// Who AWS says the credentials are, and where they came from: "arn:aws:sts::…:assumed-role/Ops/sparkify
    /// via profile ops (assume-role)"; nil when not asked yet. The console header and `iac status` show it.
    public var identity: String?

    public init(region: String, role: RoleFact? = nil, cluster: ClusterFact? = nil, ingress: [IngressFact] = [],
                identity: String? = nil) {
        self.identity = identity
        self.region = region
        self.role = role
        self.cluster = cluster
        self.ingress = ingress
    }

    /// From what ``Provisioner/observe(_:groupID:)`` found for `target`.
    public init(region: String, observed: ObservedResources, target: ProvisioningTarget) {
        self.region = region
        role = observed.role.map {
            RoleFact(name: $0.name, arn: $0.arn, policyAttached: observed.attachedPolicyARNs.contains(target.policyARN))
        }
        cluster = observed.cluster.map {
            ClusterFact(identifier: $0.identifier, status: $0.status.text, nodeType: $0.nodeType, nodes: $0.numberOfNodes,
                        endpoint: $0.endpoint.map { ClusterEndpoint(host: $0.address, port: $0.port) }, created: $0.created)
        }
        ingress = observed.portRules(target).map {
            IngressFact(groupID: $0.groupID, cidr: $0.cidr, port: $0.fromPort ?? target.port,
                        sparkify: $0.isSparkifys(cluster: target.clusterIdentifier))
        }
        resources = observed
        // Step 2 needs no CIDR.
        clusterPlan = ProvisioningPreview(target, cidr: "", through: .cluster, observed: observed)
    }
}

public struct RoleFact: Sendable, Equatable {
    public var name: String
    public var arn: String
    /// AmazonS3ReadOnlyAccess is attached: step 1 is complete.
    public var policyAttached: Bool

    public init(name: String, arn: String, policyAttached: Bool) {
        self.name = name
        self.arn = arn
        self.policyAttached = policyAttached
    }
}

public struct ClusterFact: Sendable, Equatable {
    public var identifier: String
    /// Redshift's `ClusterStatus`: creating, available, deleting, …
    public var status: String
    public var nodeType: String
    public var nodes: Int
    /// nil until Redshift reports it.
    public var endpoint: ClusterEndpoint?
    /// For uptime and the cost estimate.
    public var created: Date?

    public init(identifier: String, status: String, nodeType: String, nodes: Int, endpoint: ClusterEndpoint? = nil,
                created: Date? = nil) {
        self.identifier = identifier
        self.status = status
        self.nodeType = nodeType
        self.nodes = nodes
        self.endpoint = endpoint
        self.created = created
    }

    public var phase: RedshiftClusterStatus.Phase { RedshiftClusterStatus(status).phase }

    /// Available with an endpoint: the database can be reached (once the port is open).
    public var isUsable: Bool { phase == .available && endpoint != nil }
}

public struct IngressFact: Sendable, Equatable {
    public var groupID: String
    public var cidr: String
    public var port: Int
    /// Added by step 3 for this cluster (step 5 removes it).
    public var sparkify: Bool

    public init(groupID: String, cidr: String, port: Int, sparkify: Bool) {
        self.groupID = groupID
        self.cidr = cidr
        self.port = port
        self.sparkify = sparkify
    }

    /// "tcp 5439 from 203.0.113.7/32"
    public var description: String { "tcp \(port) from \(cidr)" }
}

/// What the database said when sparkify connected (step 4) and counted (step R).
public struct DatabaseFacts: Sendable, Equatable {
    public var dialect: Dialect
    /// "user@host:port/database"
    public var address: String
    /// Connect plus `SELECT version()`, in seconds.
    public var latency: Double?
    /// Row count per staging and star table (nil rows: the table is missing); nil when not counted.
    public var tables: RowCounts?
    /// Who holds the warehouse's run lock, when a live session does: "run R started 12:01:07 UTC by u@h".
    public var runLock: String?

    public init(dialect: Dialect, address: String, latency: Double? = nil, tables: RowCounts? = nil, runLock: String? = nil) {
        self.dialect = dialect
        self.address = address
        self.latency = latency
        self.tables = tables
        self.runLock = runLock
    }

    /// The staging and star tables that do not exist, in schema order; nil when not counted.
    public var missingTables: [String]? {
        guard let tables else { return nil }
        return WarehouseSchema.counted.map(\.name).filter { name in !tables.tables.contains { $0.name == name && $0.rows != nil } }
    }

    /// Tables holding rows: what step C would drop and must confirm.
    public var populatedTables: [RowCounts.TableCount] { tables?.tables.filter { ($0.rows ?? 0) > 0 } ?? [] }
}

/// The latest ETL run as `etl_runs` records it.
public struct ETLRunFact: Sendable, Equatable {
    public var runID: String
    public var outcome: ETLOutcome
    /// When failed or cancelled: the stage that stopped it.
    public var stage: ETLStage?
    public var message: String?
    public var at: Date?
    /// The stages etl_runs records as succeeded, in order: a running run's progress.
    public var stagesDone: [ETLStage]

    public init(runID: String, outcome: ETLOutcome, stage: ETLStage? = nil, message: String? = nil, at: Date? = nil,
                stagesDone: [ETLStage] = []) {
        self.runID = runID
        self.outcome = outcome
        self.stage = stage
        self.message = message
        self.at = at
        self.stagesDone = stagesDone
    }

    /// The newest run in `ETLRunLog.history` (newest first, the run's own row before its stages).
    public init?(history: [ETLRunRecord]) {
        guard let run = history.first(where: { $0.stage == ETLRunLog.runStage }) else { return nil }
        let stages = history.filter { $0.runID == run.runID && $0.stage != ETLRunLog.runStage }
        // Stages are recorded when they end, so a running run's current stage is not in the table.
        let stopped = stages.last { $0.outcome == .failed || $0.outcome == .cancelled }
        self.init(runID: run.runID, outcome: run.outcome, stage: stopped.flatMap { ETLStage(rawValue: $0.stage) },
                  message: run.message, at: run.finishedAt ?? run.startedAt,
                  stagesDone: stages.filter { $0.outcome == .succeeded }.compactMap { ETLStage(rawValue: $0.stage) })
    }
}
