/// One look at AWS and the database, folded into one log line ("observed: 7 tables counted, 3 ms") whose
/// detail lists every AWS call and statement it made — so the operator's own actions stay readable.
public struct ObservationNote: Sendable, Equatable {
    /// AWS calls made (0: AWS not asked).
    public var awsCalls: Int
    /// Tables that exist, of ``tablesKnown``; nil when the database was not looked at or did not answer.
    public var tablesExisting: Int?
    /// The staging and star tables sparkify counts.
    public var tablesKnown: Int
    /// Why the database did not answer, when it did not.
    public var databaseProblem: String?
    public var seconds: Double
    /// One line per AWS call and statement, in order: the log's detail.
    public var detail: [String]

    public init(awsCalls: Int, tablesExisting: Int?, tablesKnown: Int, databaseProblem: String? = nil,
                seconds: Double, detail: [String]) {
        self.awsCalls = awsCalls
        self.tablesExisting = tablesExisting
        self.tablesKnown = tablesKnown
        self.databaseProblem = databaseProblem
        self.seconds = seconds
        self.detail = detail
    }

    /// "observed: 3 AWS calls, 7 tables counted, 38 ms"; "observed: no tables yet, 2 ms".
    public var summary: String {
        var parts: [String] = []
        if awsCalls > 0 { parts.append("\(awsCalls) AWS \(awsCalls == 1 ? "call" : "calls")") }
        if let existing = tablesExisting {
            switch existing {
            case 0: parts.append("no tables yet")
            case tablesKnown: parts.append("\(tablesKnown) tables counted")
            default: parts.append("\(existing) of \(tablesKnown) tables counted")
            }
        }
        if let databaseProblem { parts.append("database: \(databaseProblem)") }
        parts.append("\(Int((seconds * 1000).rounded())) ms")
        return "observed: " + parts.joined(separator: ", ")
    }
}
