import Foundation

extension ETLRunRecord {
    /// A record built outside this module (previews, other modules' tests); the table's rows come from
    /// ``ETLRunLog/history(runs:)``.
    public static func make(runID: String, stage: String, startedAt: Date, finishedAt: Date?, rows: Int?, bytes: Int?,
                            seconds: Double?, outcome: ETLOutcome, message: String?, user: String? = nil,
                            host: String? = nil, version: String? = nil) -> ETLRunRecord {
        ETLRunRecord(runID: runID, stage: stage, startedAt: startedAt, finishedAt: finishedAt, rows: rows, bytes: bytes,
                     seconds: seconds, outcome: outcome, message: message, user: user, host: host, version: version)
    }
}
