/// The statements of one Redshift staging stage (PRODUCT §2), in the order the run sends them — the one
/// list both the run (`RedshiftStaging`) and `etl --dry-run` take them from. Pure.
///
/// Inside one transaction: empty the table (DELETE: Redshift's TRUNCATE would commit), note the session's
/// last COPY id, COPY, then read the staged rows and this COPY's query id from `pg_last_copy_count()` and
/// `pg_last_copy_id()` (both per session, so they must come before anything else runs on it). Load
/// errors are then found in STL_LOAD_ERRORS by that query id, not by a time window on the client's clock.
public struct RedshiftStagingStatements: Sendable, Equatable {
    public var clear: String
    /// The id before this COPY: a COPY that fails before loading (bad syntax, no access) leaves
    /// `pg_last_copy_id()` unchanged, and then no STL_LOAD_ERRORS row is its.
    public var previousCopyID = "SELECT pg_last_copy_id()"
    public var copy: String
    /// Rows and query id of the COPY just run.
    public var copied = "SELECT pg_last_copy_count(), pg_last_copy_id()"
    /// After a failed COPY (its transaction rolled back): the id Redshift gave it, if it began loading.
    public var failedCopyID = "SELECT pg_last_copy_id()"
    /// Rejected records of the COPY with query id `$1`.
    public var loadErrors = RedshiftLoadMonitor.errorsQuery

    public init(_ copy: RedshiftCopy) {
        clear = "DELETE FROM \(copy.table.name)"
        self.copy = copy.sql
    }

    /// What a stage that loads sends, BEGIN to COMMIT.
    public var transaction: [String] { ["BEGIN", clear, previousCopyID, copy, copied, "COMMIT"] }
}
