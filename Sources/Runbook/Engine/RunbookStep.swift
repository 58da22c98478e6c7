/// The operator's steps (PRODUCT §1), in the order the runbook panel lists them, then the cluster's
/// pause and resume (keys and `iac pause|resume`; the cluster panel shows them, not the runbook's list).
public enum RunbookStep: String, Sendable, CaseIterable, Codable, Hashable {
    case iamRole = "iam_role"
    case cluster
    case openPort = "open_port"
    case connect
    case createTables = "create_tables"
    case etl
    case counts
    case cleanUp = "clean_up"
    case pause
    case resume

    /// The runbook panel's lines, in order: every step but pause and resume.
    public static let runbook: [RunbookStep] = allCases.filter { !$0.isClusterAction }

    /// Pause and resume: they change only the cluster's state, never what steps 1–5 built.
    public var isClusterAction: Bool { self == .pause || self == .resume }

    /// The console key that runs the step ("1"–"5", "c", "e", "r").
    public var hotkey: Character {
        switch self {
        case .iamRole: return "1"
        case .cluster: return "2"
        case .openPort: return "3"
        case .connect: return "4"
        case .createTables: return "c"
        case .etl: return "e"
        case .counts: return "r"
        case .cleanUp: return "5"
        case .pause: return "p"
        case .resume: return "u"
        }
    }

    /// The step whose hotkey is `key` (case-insensitive for letters).
    public init?(hotkey key: Character) {
        guard let step = Self.allCases.first(where: { $0.hotkey == Character(key.lowercased()) }) else { return nil }
        self = step
    }

    /// What the runbook panel calls it.
    public var title: String {
        switch self {
        case .iamRole: return "IAM role"
        case .cluster: return "Cluster"
        case .openPort: return "Open port"
        case .connect: return "Connect"
        case .createTables: return "Create tables"
        case .etl: return "Run ETL"
        case .counts: return "Row counts"
        case .cleanUp: return "Clean up"
        case .pause: return "Pause"
        case .resume: return "Resume"
        }
    }

    /// "1 IAM role", "C Create tables": hotkey and title as the runbook panel and text output show them.
    public var label: String { "\(hotkey.uppercased()) \(title)" }

    /// Long steps change AWS or the warehouse and run one at a time; connect (4) and row counts (R) are
    /// quick reads that may run beside them (PRODUCT §1: counts "ad hoc, any time").
    public var isLong: Bool {
        switch self {
        case .connect, .counts: return false
        case .iamRole, .cluster, .openPort, .createTables, .etl, .cleanUp, .pause, .resume: return true
        }
    }

    /// Steps that act on AWS (1, 2, 3, 5); the others act on the database.
    public var usesAWS: Bool {
        switch self {
        case .iamRole, .cluster, .openPort, .cleanUp, .pause, .resume: return true
        case .connect, .createTables, .etl, .counts: return false
        }
    }
}
