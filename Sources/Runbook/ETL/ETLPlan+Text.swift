/// `etl --dry-run`'s text: a SQL script, one statement per `;`, each stage under a comment saying what it
/// reads. Pure.
extension ETLPlan {
    public var script: String {
        var lines = [
            "-- sparkify etl --dry-run (\(dialect.rawValue)): nothing below was executed.",
            "-- A run also records itself in etl_runs (created when missing): one row for the run, one per stage.",
        ]
        if incremental {
            lines.append("-- An incremental run: only the objects etl_objects does not list are staged, into new_* temporary tables; "
                         + "\(Self.runIDPlaceholder) stands for the run's id.")
        }
        for warning in warnings { lines.append("-- warning: \(warning)") }
        for stage in stages {
            lines.append("")
            lines.append("-- \(stage.stage.rawValue)" + (stage.reads.isEmpty ? "" : ": reads \(stage.reads.joined(separator: ", "))"))
            for note in stage.notes { lines.append("-- \(note)") }
            lines += stage.statements.map { $0 + ";" }
            if !stage.onRejects.isEmpty {
                lines.append("-- only when the COPY rejected records or failed loading them ($1 = that COPY's query id):")
                lines += stage.onRejects.map { $0 + ";" }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
