import Foundation
import Runbook

/// The console's panels, in focus order (Tab moves forward).
public enum PanelID: String, Sendable, CaseIterable, Hashable {
    case runbook, cluster, tables, etl, log

    public var title: String {
        switch self {
        case .runbook: return "Runbook"
        case .cluster: return "Cluster"
        case .tables: return "Tables"
        case .etl: return "ETL progress"
        case .log: return "Log"
        }
    }
}

/// A question the console shows over the panels until the operator answers it.
public enum Dialog: Sendable, Equatable {
    /// A destructive step's confirmation (step 5: type the cluster id; C over rows: y / n), with what
    /// the operator has typed so far.
    case confirm(Confirmation, typed: String)
    /// `e` after a previous run: "only new objects (N) / everything", or only everything and why.
    case etlChoice(ETLChoice)
    /// `q` while work runs or a cluster is up: quit anyway? (y / n). `reason` says what is at stake.
    case quit(reason: String)
}

/// Everything the screen shows, as a value: the engine's picture (``RunbookSnapshot``) plus what belongs
/// to the console alone (focus, log scroll, overlays, the status line). Panels render this and nothing
/// else; they never call AWS or the database.
public struct ConsoleModel: Sendable, Equatable {
    public var snapshot: RunbookSnapshot
    /// "sandbox" or the config's path: the header says what the console is working on.
    public var target: String
    /// The whole-screen view shown; the runbook's panels unless another was opened.
    public var view: ConsoleView = .runbook
    public var focus: PanelID = .runbook
    /// Rows of the log panel (errors wrap) scrolled up from the newest; 0 follows the tail.
    public var logScroll = 0
    /// The log shows each line's detail (an observation's calls and statements) below it.
    public var logDetail = false
    public var showsHelp = false
    public var dialog: Dialog?
    /// Step 5's second field: a final snapshot's id (empty: none), and whether Tab moved the typing there.
    public var finalSnapshot = ""
    public var typingSnapshot = false
    /// The last thing worth a line at the bottom: a refusal, a warning, a step's result.
    public var status: String?
    /// The time uptime, cost and "counted … ago" are computed for (a parameter, so rendering is pure).
    public var now: Date
    public var borders: BorderSet
    /// The keys: what they do, the help and the footer hints all come from this table.
    public var keys: KeyBindings = .standard
    /// What the Insights and History views show.
    public var analysis = AnalysisState()
    /// The SQL view's prompt and result.
    public var sql = SQLPrompt()

    public init(snapshot: RunbookSnapshot = RunbookSnapshot(), target: String, now: Date, borders: BorderSet = .unicode) {
        self.snapshot = snapshot
        self.target = target
        self.now = now
        self.borders = borders
    }
}
