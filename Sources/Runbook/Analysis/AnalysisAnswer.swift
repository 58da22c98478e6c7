import Foundation
import Warehouse

/// What a face can ask the warehouse for while the runbook runs (the console's Insights and History
/// views, the SQL view's catalog).
public enum AnalysisRequest: String, Sendable, Equatable, CaseIterable {
    case insights, history, catalog
}

/// The reply to an ``AnalysisRequest``, in Runbook's own types (the console sees no Warehouse type).
public enum AnalysisAnswer: Sendable, Equatable {
    case insights(InsightsPicture)
    case history(RunHistory)
    case catalog(SQLCatalog)
    /// Why it could not be answered (no database yet, tables missing), with what to do.
    case failed(AnalysisRequest, String)

    public var request: AnalysisRequest {
        switch self {
        case .insights: return .insights
        case .history: return .history
        case .catalog: return .catalog
        case .failed(let request, _): return request
        }
    }
}

/// The insights, drawn as text for any width (``InsightsReport``).
public struct InsightsPicture: Sendable, Equatable {
    let insights: Insights

    public init(_ insights: Insights) { self.insights = insights }

    /// When they were read.
    public var at: Date { insights.at }
    public var headline: String { InsightsReport.headline(insights) }
    public func lines(width: Int, unicode: Bool) -> [String] { InsightsReport.lines(insights, width: width, unicode: unicode) }
}

/// The recorded runs, newest first, each with the records its loads rejected.
public struct RunHistory: Sendable, Equatable {
    let runs: [ETLRunSummary]
    let errors: [String: [LoadErrorRecord]]

    public init(runs: [ETLRunSummary], errors: [String: [LoadErrorRecord]]) {
        self.runs = runs
        self.errors = errors
    }

    public var count: Int { runs.count }

    /// The list: a header line, then one line per run (start, duration, outcome, rows, user@host).
    public var listLines: [String] {
        guard !runs.isEmpty else { return RunHistoryReport.runLines([]) }
        return RunHistoryReport.runLines(runs.map { ETLRunSummary(run: withoutMessage($0.run), stages: $0.stages) })
    }

    /// Run `index`: its message, each stage's time as a bar, then its rejected records (file, line,
    /// column, reason, raw text).
    public func detailLines(_ index: Int, width: Int, unicode: Bool) -> [String] {
        guard runs.indices.contains(index) else { return [] }
        let summary = runs[index]
        let by = summary.run.ranBy.map { " by \($0)" } ?? ""
        let version = summary.run.version.map { " (sparkify \($0))" } ?? ""
        var lines = ["run \(summary.run.runID) — \(summary.run.outcome.rawValue)\(by)\(version)"]
        if let message = summary.run.message, !message.isEmpty, summary.run.outcome != .running { lines.append(message) }
        lines.append("")
        lines += summary.stages.isEmpty ? ["no stage recorded"] : RunHistoryReport.stageLines(summary, width: width, unicode: unicode)
        lines.append("")
        let rejected = errors[summary.run.runID] ?? []
        lines.append(rejected.isEmpty ? "no rejected records" : rejected.count == 1 ? "1 rejected record" : "\(rejected.count) rejected records")
        for error in rejected {
            // The file on a line of its own: S3 keys are long and a narrow screen still shows the rest.
            let line = error.lineNumber.map { "line \($0)" } ?? "line ?"
            let column = error.columnName.flatMap { $0.isEmpty ? nil : ", column \($0)" } ?? ""
            lines += [error.filename, "  \(line)\(column) (\(error.table)): \(error.reason)"]
            if let raw = error.rawLine, !raw.isEmpty { lines.append("  raw: " + raw) }
        }
        return lines
    }

    private func withoutMessage(_ record: ETLRunRecord) -> ETLRunRecord {
        var record = record
        record.message = nil
        return record
    }
}

extension RunbookSession {
    /// Answers `request` on the session's database (statements go to its log); never throws.
    public func answer(_ request: AnalysisRequest) async -> AnalysisAnswer {
        guard let analysis = analysis() else { return .failed(request, analysisUnavailable) }
        do {
            switch request {
            case .insights: return .insights(InsightsPicture(try await analysis.insights()))
            case .history: return .history(try await analysis.history())
            case .catalog: return .catalog(SQLCatalog(try await analysis.catalog()))
            }
        } catch where error.sqlState == SQLState.undefinedTable {
            return .failed(request, "the tables do not exist yet: press c to create them, then e to run the ETL")
        } catch {
            return .failed(request, error.description)
        }
    }
}
