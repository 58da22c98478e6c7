import Foundation
import Runbook
import Synchronization

/// `iac`'s text output, drawn from the engine's events and observation (presentation only).
final class IaCLines: Sendable {
    /// AWS steps whose first running line (the request itself) was seen.
    private let running = Mutex<Set<RunbookStep>>([])

    /// A running AWS step's news, "1 IAM role     created arn:aws:iam::…", and its end, "1 IAM role     done
    /// arn:aws:iam::…"; nil for every other event.
    @Sendable func line(_ event: RunbookEvent) -> String? {
        switch event {
        case .stepState(let step, let state) where step.usesAWS:
            guard case .running(let detail) = state else {
                running.withLock { _ = $0.remove(step) }
                return nil
            }
            let first = running.withLock { $0.insert(step).inserted }
            return first ? nil : Self.column(step) + detail
        case .result(let step, .succeeded(let detail)) where step.usesAWS:
            return Self.column(step) + "done " + detail
        default:
            return nil
        }
    }

    /// "1 IAM role     ": the step's label in a column of its own.
    static func column(_ step: RunbookStep) -> String { step.label.padding(toLength: 15, withPad: " ", startingAt: 0) }

    /// After `iac up`: role, endpoint, rule, and the `dwh.cfg` lines the other commands need (a sandbox
    /// profile already has them).
    static func summary(_ observation: Observation, sandbox: Bool) -> [String] {
        let facts = observation.aws.value
        let endpoint = facts?.cluster?.endpoint
        var lines = ["role ARN  \(facts?.role?.arn ?? "-")",
                     "endpoint  \(endpoint?.text ?? "-")",
                     "ingress   \(facts?.ingress.first(where: \.sparkify)?.description ?? "-")"]
        if sandbox {
            lines.append("sandbox: this profile's [CLUSTER] HOST already points at the sandbox's PostgreSQL")
        } else if let arn = facts?.role?.arn, let endpoint {
            lines += ["Put these into dwh.cfg:", "  [CLUSTER]", "  HOST = \(endpoint.host)",
                      "  DB_PORT = \(endpoint.port)", "  [IAM_ROLE]", "  ARN = \(arn)"]
        }
        return lines
    }

    /// `iac status`: the AWS steps' states, then the cluster panel's facts and the cost so far at `now`.
    static func status(_ engine: RunbookEngine, at now: Date) -> [String] {
        let observation = engine.observation
        var lines = [RunbookStep.iamRole, .cluster, .openPort, .cleanUp].map { step in
            let state = engine.state(of: step)
            return column(step) + state.name.padding(toLength: 9, withPad: " ", startingAt: 0) + (state.detail ?? "")
        }
        guard observation.aws.value != nil else { return lines }
        let cluster = ClusterSummary(observation)
        lines.append("region   \(cluster.region ?? "-")" + (cluster.emulated ? " (an emulator)" : ""))
        if let identity = cluster.identity { lines.append("identity " + identity) }
        lines.append("role     " + (cluster.roleARN ?? "\(observation.roleName): none (run `sparkify iac up`)"))
        if let status = cluster.status {
            var line = "cluster  \(cluster.identifier)  \(status.text)  \(cluster.nodeType ?? "?") × \(cluster.nodes ?? 0)"
            if let endpoint = cluster.endpoint { line += "  endpoint \(endpoint.text)" }
            if let created = cluster.created { line += "  created \(created.formatted(.iso8601))" }
            lines.append(line)
            lines.append("ingress  " + (cluster.ingress ?? "none on the cluster port"))
            lines.append("cost     " + costText(cluster, at: now))
        } else {
            lines.append("cluster  \(cluster.identifier): none (run `sparkify iac up`)")
            lines.append("ingress  " + (cluster.ingress ?? "none on the cluster port"))
        }
        if let snapshots = cluster.snapshots {
            lines.append("snapshots " + (snapshots.isEmpty ? "none of \(cluster.identifier)" : "of \(cluster.identifier) (restore one with `sparkify iac up --from-snapshot ID`):"))
            lines += snapshots.map { "  " + $0.text }
        }
        return lines
    }

    static func costText(_ cluster: ClusterSummary, at now: Date) -> String {
        if cluster.target == .sandbox { return "none (the sandbox, not AWS)" }
        if cluster.emulated { return "none (an emulator, not AWS)" }
        if cluster.isPaused { return "compute not billed while paused; storage still is (see the AWS console for its size)" }
        guard let cost = cluster.cost(at: now) else {
            return "unknown: no price for \(cluster.nodeType ?? "this node type") in sparkify's table (see the AWS console)"
        }
        return "about \(cost.text) — on-demand \(cost.nodeType) × \(cost.nodes), US East / US West prices"
    }
}
