import Foundation

/// One run of `etl_runs` with its stages, for the History view and `sparkify runs`.
public struct ETLRunSummary: Sendable, Equatable {
    /// The run's own row (`stage == "run"`): start, end, outcome, total rows and bytes.
    public var run: ETLRunRecord
    /// Its stages in the order they ran.
    public var stages: [ETLRunRecord]

    public init(run: ETLRunRecord, stages: [ETLRunRecord]) {
        self.run = run
        self.stages = stages
    }

    /// Seconds from start to finish; nil while it runs.
    public var seconds: Double? { run.seconds ?? run.finishedAt.map { $0.timeIntervalSince(run.startedAt) } }

    /// Rows of `ETLRunLog.history`, newest run first, grouped per run. Rows other than a run's own and its
    /// stages (bookkeeping another version of sparkify keeps in the table) are left out.
    public static func group(_ records: [ETLRunRecord]) -> [ETLRunSummary] {
        var summaries: [ETLRunSummary] = []
        for record in records {
            if record.stage == ETLRunLog.runStage {
                summaries.append(ETLRunSummary(run: record, stages: []))
            } else if ETLStage(rawValue: record.stage) != nil, let last = summaries.indices.last,
                      summaries[last].run.runID == record.runID {
                summaries[last].stages.append(record)
            }
        }
        return summaries
    }
}

extension ETLRunLog {
    /// The `runs` most recent runs with their stages, newest first; none when etl_runs does not exist yet.
    public func summaries(runs: Int = 20) async throws(DatabaseError) -> [ETLRunSummary] {
        do {
            return ETLRunSummary.group(try await history(runs: runs))
        } catch where error.sqlState == SQLState.undefinedTable {
            return []
        }
    }
}
