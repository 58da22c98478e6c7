import Foundation
import Warehouse

/// "State is derived, not remembered": each step's state from an ``Observation`` alone, with its
/// preconditions. Steps 1–3 need AWS; C, E and R need a reachable database — the one `[CLUSTER] HOST`
/// names or the sandbox's, else the cluster steps 1–3 build (PRODUCT §1).
extension Observation {
    /// Every step's state, in runbook order.
    public var derivedStates: [(RunbookStep, StepState)] { RunbookStep.runbook.map { ($0, derivedState(of: $0)) } }

    public func derivedState(of step: RunbookStep) -> StepState {
        switch step {
        case .iamRole: return roleState
        case .cluster: return clusterState
        case .openPort: return portState
        case .connect: return connectState
        case .createTables: return tablesState
        case .etl: return etlState
        case .counts: return countsState
        case .cleanUp: return cleanUpState
        case .pause: return pauseState
        case .resume: return resumeState
        }
    }

    // MARK: Steps 1–3 and 5 (AWS)

    private var roleState: StepState {
        switch aws {
        case .unknown: return .pending
        case .unavailable(let reason): return .blocked("AWS unreachable: \(reason)")
        case .known(let facts):
            guard let role = facts.role, role.policyAttached else { return .pending }
            return .done(role.arn)
        }
    }

    private var clusterState: StepState {
        switch aws {
        case .unknown: return .pending
        case .unavailable(let reason): return .blocked("AWS unreachable: \(reason)")
        case .known(let facts):
            guard let cluster = facts.cluster else {
                return facts.role?.policyAttached == true ? .pending : .blocked("needs the IAM role (step 1)")
            }
            let shape = "\(cluster.nodeType) × \(cluster.nodes)"
            switch cluster.phase {
            case .available:
                guard let endpoint = cluster.endpoint else { return .running("available, waiting for its endpoint") }
                return .done("\(shape) \(endpoint.text)")
            case .changing: return .running("\(cluster.status) \(shape)")
            case .deleting: return .blocked("\(cluster.identifier) is \(cluster.status); wait until it is gone")
            case .paused: return .blocked(Self.pausedText(cluster.identifier))
            case .failed: return .failed("\(cluster.status): see the Redshift console; clean up (step 5) removes it")
            }
        }
    }

    private var portState: StepState {
        switch aws {
        case .unknown: return .pending
        case .unavailable(let reason): return .blocked("AWS unreachable: \(reason)")
        case .known(let facts):
            guard facts.cluster?.isUsable == true else { return .blocked("needs an available cluster (step 2)") }
            let rule = facts.ingress.first(where: \.sparkify) ?? facts.ingress.first
            return rule.map { .done($0.description) } ?? .pending
        }
    }

    private var cleanUpState: StepState {
        switch aws {
        case .unknown: return .pending
        case .unavailable(let reason): return .blocked("AWS unreachable: \(reason)")
        case .known(let facts):
            if let cluster = facts.cluster, cluster.phase == .deleting { return .running("\(cluster.status) \(cluster.identifier)") }
            if facts.cluster == nil, facts.role == nil, !facts.ingress.contains(where: \.sparkify) {
                return .done("no cluster, rule or role left")
            }
            return .pending
        }
    }

    // MARK: Pause and resume (the cluster's compute)

    /// What 2, 4, C, E and R say while the cluster is paused.
    static func pausedText(_ identifier: String) -> String {
        "cluster \(identifier) is paused — resume it with u or `sparkify iac resume`"
    }

    private var pauseState: StepState {
        clusterActionState { cluster in
            switch cluster.phase {
            case .available: return .pending
            case .paused: return .done("\(cluster.identifier) is paused")
            case .changing where cluster.status == "pausing": return .running("pausing \(cluster.identifier)")
            case .changing, .deleting, .failed:
                return .blocked("\(cluster.identifier) is \(cluster.status): only an available cluster can be paused")
            }
        }
    }

    private var resumeState: StepState {
        clusterActionState { cluster in
            switch cluster.phase {
            case .paused: return .pending
            case .available: return .done("\(cluster.identifier) is available")
            case .changing where cluster.status == "resuming": return .running("resuming \(cluster.identifier)")
            case .changing, .deleting, .failed:
                return .blocked("\(cluster.identifier) is \(cluster.status): only a paused cluster can be resumed")
            }
        }
    }

    private func clusterActionState(_ known: (ClusterFact) -> StepState) -> StepState {
        switch aws {
        case .unknown: return .pending
        case .unavailable(let reason): return .blocked("AWS unreachable: \(reason)")
        case .known(let facts):
            guard let cluster = facts.cluster else { return .blocked("no cluster \(clusterIdentifier): create it with step 2") }
            return known(cluster)
        }
    }

    /// The paused (or pausing, resuming) cluster the database steps would reach, with what to say; nil
    /// when the database does not depend on the cluster's compute. The sandbox's PostgreSQL stands in
    /// for the cluster, so it follows moto's state although it stays up.
    var clusterPause: String? {
        guard let cluster = aws.value?.cluster, cluster.phase == .paused || ["pausing", "resuming"].contains(cluster.status)
        else { return nil }
        // A configured host other than the cluster's is another database.
        if target == .aws, let host = configuredHost, host != cluster.endpoint?.host { return nil }
        return cluster.phase == .paused ? Self.pausedText(cluster.identifier)
            : "cluster \(cluster.identifier) is \(cluster.status): wait until it is available"
    }

    // MARK: Step 4, C, E, R (the database)

    /// Why the database cannot be tried yet; nil when there is one to try.
    var databasePrecondition: String? {
        if let clusterPause { return clusterPause }
        if target == .sandbox || configuredHost != nil { return nil }
        guard let facts = aws.value, let cluster = facts.cluster, cluster.isUsable else {
            return "needs a database: set [CLUSTER] HOST in dwh.cfg, or build a cluster (steps 1–3)"
        }
        return facts.ingress.isEmpty ? "needs the port open (step 3)" : nil
    }

    /// Steps C, E and R before the facts they depend on: the shared part of their preconditions.
    private func databaseGate(_ known: (DatabaseFacts) -> StepState) -> StepState {
        if let clusterPause { return .blocked(clusterPause) }
        switch database {
        case .known(let facts): return known(facts)
        case .unavailable(let reason): return .blocked("database unreachable (step 4): \(reason)")
        case .unknown: return databasePrecondition.map(StepState.blocked) ?? .pending
        }
    }

    private var connectState: StepState {
        if let clusterPause { return .blocked(clusterPause) }
        switch database {
        case .known(let facts):
            let latency = facts.latency.map { ", \(Int(($0 * 1000).rounded())) ms" } ?? ""
            return .done("\(facts.dialect.rawValue) \(facts.address)\(latency)")
        case .unavailable(let reason): return databasePrecondition.map(StepState.blocked) ?? .failed(reason)
        case .unknown: return databasePrecondition.map(StepState.blocked) ?? .pending
        }
    }

    private var tablesState: StepState {
        databaseGate { facts in
            guard let missing = facts.missingTables else { return .pending }
            return missing.isEmpty ? .done("\(WarehouseSchema.counted.count) tables") : .pending
        }
    }

    private var etlState: StepState {
        databaseGate { facts in
            if let missing = facts.missingTables, !missing.isEmpty {
                return .blocked("needs the tables (step C): \(missing.joined(separator: ", ")) missing")
            }
            if let holder = facts.runLock {
                // Another session's run (or create-tables): its progress as etl_runs records it.
                let done = etlRun.map { $0.outcome == .running && !$0.stagesDone.isEmpty
                    ? "; done: " + $0.stagesDone.map(\.rawValue).joined(separator: ", ") : "" } ?? ""
                return .running("\(holder) is in progress\(done)")
            }
            if let run = etlRun {
                switch run.outcome {
                case .running: return .running("run \(run.runID) in progress")
                case .failed, .cancelled, .interrupted:
                    let stage = run.stage.map { " in \($0.rawValue)" } ?? ""
                    return .failed("\(run.outcome.rawValue)\(stage)" + (run.message.map { ": \($0)" } ?? ""))
                case .succeeded: break
                }
            }
            guard let plays = facts.tables?.rows("songplays"), plays > 0 else { return .pending }
            return .done("songplays \(plays) rows")
        }
    }

    private var countsState: StepState {
        databaseGate { facts in
            guard let counts = facts.tables else { return .pending }
            return .done("counted at \(ClockTime.utc(counts.at))")
        }
    }
}
