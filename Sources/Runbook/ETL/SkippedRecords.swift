import Warehouse

/// What the operator is told when a staging load skipped bad records under MAXERROR: the run succeeds,
/// but not silently (#9).
enum SkippedRecords {
    /// Records named in full before "and N more".
    static let named = 3

    /// "staging_events: 1 record skipped: log_data/2018/11/a.json line 11, 1216 Invalid JSON…; see load_errors"
    static func warning(_ records: [LoadErrorRecord], stage: ETLStage) -> String? {
        guard !records.isEmpty else { return nil }
        let count = records.count == 1 ? "1 record skipped" : "\(records.count) records skipped"
        var parts = records.prefix(named).map { record in
            let line = record.lineNumber.map { " line \($0)" } ?? ""
            let code = record.errorCode.map { "\($0) " } ?? ""
            return "\(record.filename)\(line), \(code)\(record.reason.count > 80 ? record.reason.prefix(79) + "…" : record.reason)"
        }
        if records.count > named { parts.append("and \(records.count - named) more") }
        return "\(stage.rawValue): \(count): \(parts.joined(separator: "; ")); see load_errors"
    }
}
