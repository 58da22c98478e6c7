/// The data quality checks of PRODUCT §3, run as the `checks` stage after the transforms.
/// Each check is one query returning whole numbers, judged by a pure function.
public struct QualityCheck: Sendable {
    public var name: String
    public var sql: String
    /// Turns the query's numbers into a verdict with the numbers in words.
    public var judge: @Sendable ([Int]) -> CheckResult

    public init(name: String, sql: String, judge: @escaping @Sendable ([Int]) -> CheckResult) {
        self.name = name
        self.sql = sql
        self.judge = judge
    }
}

/// One check's verdict.
public struct CheckResult: Sendable, Equatable, CustomStringConvertible {
    public var name: String
    public var passed: Bool
    /// The numbers behind the verdict, e.g. "0 of 6820 songplays".
    public var detail: String

    public init(name: String, passed: Bool, detail: String) {
        self.name = name
        self.passed = passed
        self.detail = detail
    }

    public var description: String { "\(passed ? "PASS" : "FAIL") \(name): \(detail)" }
}

/// All checks' verdicts.
public struct QualityReport: Sendable, Equatable {
    public var results: [CheckResult]
    public var passed: Bool { results.allSatisfy(\.passed) }
    public var failures: [CheckResult] { results.filter { !$0.passed } }
}

public enum QualityChecks {
    public static let all: [QualityCheck] =
        WarehouseSchema.star.map(notEmpty)
        + WarehouseSchema.star.map(noNullKeys)
        + [reference("songplays", "user_id", to: "users"), reference("songplays", "start_time", to: "time")]
        // A play matched to no song has NULL song_id and artist_id; a matched one must point at rows that exist.
        + [reference("songplays", "song_id", to: "songs", nullable: true),
           reference("songplays", "artist_id", to: "artists", nullable: true),
           reference("songs", "artist_id", to: "artists", nullable: true)]
        + [WarehouseSchema.users, WarehouseSchema.songs, WarehouseSchema.artists, WarehouseSchema.time].map(noDuplicateKeys)
        + [levelsKnown, everyPlayLanded]

    /// Runs every check (a failing check does not stop the others). Throws only when a query fails.
    public static func run(on connection: Connection) async throws(DatabaseError) -> QualityReport {
        var results: [CheckResult] = []
        for check in all {
            let row = try await connection.execute(check.sql).rows.first ?? []
            results.append(check.judge(row.map { Int($0 ?? "") ?? 0 }))
        }
        return QualityReport(results: results)
    }

    static func notEmpty(_ table: TableDefinition) -> QualityCheck {
        let name = "\(table.name) is not empty"
        return QualityCheck(name: name, sql: "SELECT count(*) FROM \(table.name)") { numbers in
            CheckResult(name: name, passed: numbers[0] > 0, detail: "\(numbers[0]) rows")
        }
    }

    static func noNullKeys(_ table: TableDefinition) -> QualityCheck {
        let keys = table.primaryKey
        let name = "\(table.name) has no NULL \(keys.joined(separator: "/"))"
        let condition = keys.map { "\($0) IS NULL" }.joined(separator: " OR ")
        return QualityCheck(
            name: name,
            sql: "SELECT count(CASE WHEN \(condition) THEN 1 END), count(*) FROM \(table.name)"
        ) { numbers in
            CheckResult(name: name, passed: numbers[0] == 0, detail: "\(numbers[0]) of \(numbers[1]) rows")
        }
    }

    /// Every value of `column` is a key of `target`. NULL counts as missing (a play without a user is not
    /// in users) unless `nullable`, where only the rows that have a value are judged.
    static func reference(_ table: String, _ column: String, to target: String, nullable: Bool = false) -> QualityCheck {
        let key = WarehouseSchema.table(target)!.primaryKey[0]
        let name = "every \(table).\(column) is in \(target)" + (nullable ? " (when not NULL)" : "")
        let sql = nullable
            ? """
                SELECT count(CASE WHEN f.\(column) IS NOT NULL AND t.\(key) IS NULL THEN 1 END), count(f.\(column))
                FROM \(table) f LEFT JOIN \(target) t ON t.\(key) = f.\(column)
                """
            : """
                SELECT count(CASE WHEN t.\(key) IS NULL THEN 1 END), count(*)
                FROM \(table) f LEFT JOIN \(target) t ON t.\(key) = f.\(column)
                """
        return QualityCheck(name: name, sql: sql) { numbers in
            CheckResult(name: name, passed: numbers[0] == 0, detail: nullable
                ? "\(numbers[0]) of \(numbers[1]) \(table).\(column) values are missing from \(target)"
                : "\(numbers[0]) of \(numbers[1]) \(table) rows have a \(column) missing from \(target)")
        }
    }

    /// users.level is what the app knows (free or paid): anything else is a parsing or mapping fault.
    static let levelsKnown: QualityCheck = {
        let name = "every users.level is free or paid"
        return QualityCheck(
            name: name,
            sql: "SELECT count(CASE WHEN level IS NULL OR level NOT IN ('free', 'paid') THEN 1 END), count(*) FROM users"
        ) { numbers in
            CheckResult(name: name, passed: numbers[0] == 0, detail: "\(numbers[0]) of \(numbers[1]) users have another level")
        }
    }()

    static func noDuplicateKeys(_ table: TableDefinition) -> QualityCheck {
        let key = table.primaryKey[0]
        let name = "\(table.name) has no duplicate \(key)"
        return QualityCheck(
            name: name,
            sql: "SELECT count(\(key)) - count(DISTINCT \(key)), count(\(key)) FROM \(table.name)"
        ) { numbers in
            CheckResult(name: name, passed: numbers[0] == 0, detail: "\(numbers[0]) duplicates among \(numbers[1]) keys")
        }
    }

    static let everyPlayLanded: QualityCheck = {
        let name = "songplays = NextSong events staged"
        return QualityCheck(
            name: name,
            sql: """
                SELECT (SELECT count(*) FROM songplays),
                       (SELECT count(*) FROM staging_events WHERE page = 'NextSong')
                """
        ) { numbers in
            CheckResult(name: name, passed: numbers[0] == numbers[1],
                        detail: "\(numbers[0]) songplays, \(numbers[1]) NextSong events")
        }
    }()
}
