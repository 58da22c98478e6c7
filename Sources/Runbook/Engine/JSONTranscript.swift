import Foundation
import Warehouse

/// A headless command's `--json` lines: every event as ``RunbookEvent/jsonLine``, except that a `result`
/// carries what the command reports beside the outcome — step R the tables and the time of the count
/// (PRODUCT §5's `{"tables": {…}, "at": …}`), `iac status` the cluster and its cost.
public struct JSONTranscript: Sendable {
    private var counts: TableCounts?
    private var cluster: ClusterSummary?

    public init() {}

    /// The line for `event`, remembering the counts and cluster facts the `result` lines report.
    public mutating func line(for event: RunbookEvent) -> String {
        switch event {
        case .counts(let fresh):
            counts = fresh
        case .cluster(let summary):
            cluster = summary
        case .result(.counts, let outcome):
            var line = RunbookEvent.ResultLine(step: RunbookStep.counts.rawValue, outcome: outcome.name, detail: outcome.detail)
            if case .succeeded = outcome, let counts {
                line.tables = RunbookEvent.tables(counts)
                line.at = counts.at
            }
            return RunbookEvent.jsonLine(line)
        default:
            break
        }
        return event.jsonLine
    }

    /// `iac status`'s last line: `{"event": "result", "step": "status", "outcome": …, "cluster": {…},
    /// "cost": {…}}` — the cluster as last observed, its cost at `now` (absent on an emulator, in the
    /// sandbox or for a node type without a price); failed with `failure` when AWS could not be asked.
    public func statusLine(at now: Date, failure: String?) -> String {
        var line = RunbookEvent.ResultLine(step: "status", outcome: failure == nil ? "succeeded" : "failed", detail: failure)
        if let cluster {
            var facts = RunbookEvent.ClusterLine(cluster)
            facts.event = nil
            line.cluster = facts
            line.cost = cluster.cost(at: now).map(RunbookEvent.CostLine.init)
        }
        return RunbookEvent.jsonLine(line)
    }
}
