/// Which sparkify this is: what `sparkify --version` prints and each run's row in etl_runs records.
public enum SparkifyRelease {
    public static let version = "0.1.0"
}
