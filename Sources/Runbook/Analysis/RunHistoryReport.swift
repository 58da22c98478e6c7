import Config
import Foundation
import Warehouse

/// `sparkify runs` and `sparkify load-errors` as text and JSON (the History view draws the same
/// facts). Pure.
public enum RunHistoryReport {
    /// One line per run, newest first: id, start (UTC), duration, outcome, rows, who ran it where
    /// (user@host; "–" for runs recorded before etl_runs kept them); then its message.
    public static func runLines(_ runs: [ETLRunSummary]) -> [String] {
        guard !runs.isEmpty else { return ["no ETL run recorded yet (etl_runs is empty): run `sparkify etl`"] }
        let header = ["run", "started (UTC)", "duration", "outcome", "rows", "by"]
        let rows = runs.map { summary in
            [summary.run.runID, String(SQLTimestamp.format(summary.run.startedAt).prefix(19)), duration(summary.seconds),
             summary.run.outcome.rawValue, summary.run.rows.map(Chart.grouped) ?? "–", summary.run.ranBy ?? "–"]
        }
        let widths = header.indices.map { index in max(header[index].count, rows.map { $0[index].count }.max() ?? 0) }
        func line(_ cells: [String]) -> String {
            cells.indices.map { index in
                let pad = String(repeating: " ", count: widths[index] - cells[index].count)
                // Duration and rows are numbers: right-aligned.
                return index == 2 || index == 4 ? pad + cells[index] : cells[index] + pad
            }.joined(separator: "  ").trailingSpacesTrimmed
        }
        var lines = [line(header)]
        for (summary, row) in zip(runs, rows) {
            lines.append(line(row))
            if let message = summary.run.message, summary.run.outcome != .running, !message.isEmpty {
                lines.append("  " + message)
            }
        }
        return lines
    }

    /// Each stage of a run: name, a bar of its time against the slowest stage, seconds, rows, outcome.
    public static func stageLines(_ summary: ETLRunSummary, width: Int, unicode: Bool) -> [String] {
        let longest = summary.stages.compactMap(\.seconds).max() ?? 0
        let nameWidth = summary.stages.map(\.stage.count).max() ?? 0
        let barWidth = max(1, width - nameWidth - 40)
        return summary.stages.map { stage in
            let seconds = stage.seconds ?? 0
            return stage.stage.padding(toLength: nameWidth, withPad: " ", startingAt: 0) + " "
                + Chart.bar(Int(seconds * 1000), of: Int(longest * 1000), width: barWidth, unicode: unicode) + " "
                + duration(stage.seconds).leftPadded(to: 8) + "  " + (stage.rows.map(Chart.grouped) ?? "–").leftPadded(to: 11)
                + " rows  " + stage.outcome.rawValue
        }
    }

    /// "0.4 s", "12.3 s", "2 min 05 s", "–" while running.
    public static func duration(_ seconds: Double?) -> String {
        guard let seconds else { return "–" }
        if seconds < 60 { return String(format: "%.1f s", seconds) }
        let whole = Int(seconds.rounded())
        return String(format: "%d min %02d s", whole / 60, whole % 60)
    }

    /// `{"runs": [{"run_id", "started_at", "finished_at", "seconds", "outcome", "rows", "bytes", "message",
    /// "user", "host", "version", "stages": [{"stage", …}]}]}`; times ISO-8601 UTC; who, where and which
    /// sparkify are null for runs recorded before etl_runs kept them.
    public static func runsJSON(_ runs: [ETLRunSummary]) -> String {
        let s = JSONWriting.string as (String?) -> String
        return JSONWriting.object([("runs", JSONWriting.array(runs.map { summary in
            JSONWriting.object(recordFields(summary.run, id: true) + [
                ("user", s(summary.run.user)), ("host", s(summary.run.host)), ("version", s(summary.run.version)),
                ("stages", JSONWriting.array(summary.stages.map { JSONWriting.object(recordFields($0, id: false)) })),
            ])
        }))])
    }

    static func recordFields(_ record: ETLRunRecord, id: Bool) -> [(String, String)] {
        let s = JSONWriting.string as (String?) -> String
        let seconds: String = record.seconds.map { String(format: "%.3f", $0) } ?? "null"
        let rows: String = record.rows.map(String.init) ?? "null"
        let bytes: String = record.bytes.map(String.init) ?? "null"
        let identity: (String, String) = id ? ("run_id", s(record.runID)) : ("stage", s(record.stage))
        let fields: [(String, String)] = [
            identity, ("started_at", s(iso8601(record.startedAt))), ("finished_at", s(record.finishedAt.map(iso8601))),
            ("seconds", seconds), ("outcome", s(record.outcome.rawValue)), ("rows", rows), ("bytes", bytes),
            ("message", s(record.message)),
        ]
        return fields
    }

    /// The run, then one block per rejected record: table, file, line, column and reason, then its raw text.
    public static func loadErrorLines(_ found: RunLoadErrors) -> [String] {
        let run = found.run.run
        let count = found.errors.count == 1 ? "1 rejected record" : "\(found.errors.count) rejected records"
        var lines = ["run \(run.runID) (\(run.outcome.rawValue)): \(count)"]
        for error in found.errors {
            let line = error.lineNumber.map { " line \($0)" } ?? ""
            let column = error.columnName.flatMap { $0.isEmpty ? nil : " column \($0)" } ?? ""
            lines.append("\(error.table)  \(error.filename)\(line)\(column): \(error.reason)")
            if let raw = error.rawLine, !raw.isEmpty { lines.append("  raw: " + raw) }
        }
        return lines
    }

    /// `{"run_id", "outcome", "errors": [{"table", "filename", "line_number", "colname", "type", "position",
    /// "err_code", "reason", "raw_line", "raw_field_value", "starttime"}]}`.
    public static func loadErrorsJSON(_ found: RunLoadErrors) -> String {
        let s = JSONWriting.string as (String?) -> String
        func int(_ value: Int?) -> String { value.map(String.init) ?? "null" }
        return JSONWriting.object([
            ("run_id", s(found.run.run.runID)), ("outcome", s(found.run.run.outcome.rawValue)),
            ("errors", JSONWriting.array(found.errors.map { error in
                JSONWriting.object([
                    ("table", s(error.table)), ("filename", s(error.filename)), ("line_number", int(error.lineNumber)),
                    ("colname", s(error.columnName)), ("type", s(error.type)), ("position", int(error.position)),
                    ("err_code", int(error.errorCode)), ("reason", s(error.reason)), ("raw_line", s(error.rawLine)),
                    ("raw_field_value", s(error.rawFieldValue)), ("starttime", s(iso8601(error.startTime))),
                ])
            })),
        ])
    }

    static func iso8601(_ date: Date) -> String {
        String(SQLTimestamp.format(date).prefix(19)).replacingOccurrences(of: " ", with: "T") + "Z"
    }
}

extension String {
    var trailingSpacesTrimmed: String {
        var text = Substring(self)
        while text.last == " " { text = text.dropLast() }
        return String(text)
    }

    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
