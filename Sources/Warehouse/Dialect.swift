/// The SQL dialect of the warehouse: Amazon Redshift, or the PostgreSQL that stands in for it in the
/// sandbox. Detected on connect from `version()` and forceable by the operator.
public enum Dialect: String, Sendable, CaseIterable {
    case redshift
    case postgres

    /// Redshift's `version()` reads "PostgreSQL 8.0.2 on i686-pc-linux-gnu, ... Redshift 1.0.12345".
    public init(versionString: String) {
        self = versionString.lowercased().contains("redshift") ? .redshift : .postgres
    }
}
