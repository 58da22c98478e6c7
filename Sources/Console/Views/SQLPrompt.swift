import Foundation
import Runbook

/// The SQL view's state: the prompt (psql's rule: Enter runs the text once it ends with `;`, until then
/// it starts a new line), the statements run before (↑/↓), the running statement, its result and where
/// the grid is scrolled. Pure; the console loop runs what ``takePending()`` hands it.
public struct SQLPrompt: Sendable, Equatable {
    /// What the console loop must do for the prompt.
    public enum Pending: Sendable, Equatable {
        /// Run the statement; `write`: in a transaction that may write and commits.
        case run(String, write: Bool)
        case cancel
        /// Write the result as CSV (harlequin's Ctrl-E).
        case export(QueryGrid)
    }

    public var text = ""
    public var history: [String] = []
    /// Where ↑ has gone back to in `history`; nil: editing new text.
    public var historyIndex: Int?
    /// The statement running now.
    public var running: String?
    /// It runs in a transaction that may write.
    public private(set) var runningWrite = false
    /// The last statement wrote and committed: the catalog's tables and counts are out of date.
    public private(set) var changedTables = false
    /// The last statement run and how it ended.
    public var ran: String?
    public var outcome: QueryOutcome?
    /// The grid's first shown row and column.
    public var firstRow = 0
    public var firstColumn = 0
    /// A line about the last export ("exported 2 rows to /path.csv") or its failure.
    public var notice: String?
    /// Statements may write (and commit); off unless the operator turned it on and confirmed.
    public private(set) var write = false
    /// Ctrl-W asked to allow writes: `y` confirms, any other key keeps the prompt read-only.
    public private(set) var confirmingWrite = false
    public private(set) var pending: [Pending] = []

    public init() {}

    /// psql's rule: the text runs once it ends with `;` (blank space after it aside).
    public static func isComplete(_ text: String) -> Bool {
        text.trimmingCharacters(in: .whitespacesAndNewlines).hasSuffix(";")
    }

    public mutating func type(_ character: Character) {
        guard (character.asciiValue ?? 0x20) >= 0x20 else { return }
        text.append(character)
        historyIndex = nil
    }

    public mutating func erase() {
        if !text.isEmpty { text.removeLast() }
    }

    public mutating func enter() {
        guard Self.isComplete(text) else {
            text += "\n"
            return
        }
        guard running == nil else {
            notice = "a statement is running: Esc cancels it"
            return
        }
        let statement = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if history.last != statement { history.append(statement) }
        historyIndex = nil
        text = ""
        running = statement
        runningWrite = write
        notice = nil
        pending.append(.run(statement, write: write))
    }

    /// ↑: the statement before the one shown (the last one first).
    public mutating func previous() {
        guard !history.isEmpty else { return }
        let index = max(0, (historyIndex ?? history.count) - 1)
        historyIndex = index
        text = history[index]
    }

    /// ↓: the next statement, then back to empty text.
    public mutating func next() {
        guard let index = historyIndex else { return }
        if index + 1 < history.count {
            historyIndex = index + 1
            text = history[index + 1]
        } else {
            historyIndex = nil
            text = ""
        }
    }

    /// Esc or Ctrl-C while a statement runs: cancel it on the server. Returns false when nothing runs.
    public mutating func cancel() -> Bool {
        guard running != nil else { return false }
        if !pending.contains(.cancel) { pending.append(.cancel) }
        return true
    }

    /// Ctrl-W: read-only → ask to confirm writes; writes → back to read-only at once.
    public mutating func toggleWrite() {
        if write {
            write = false
            notice = "read-only again"
        } else {
            confirmingWrite = true
            notice = "allow statements to write and commit? y to confirm, any other key keeps it read-only"
        }
    }

    /// The key after Ctrl-W: `y` allows writes; anything else declines. Returns true when it was the answer.
    public mutating func answerWriteQuestion(_ key: Character?) -> Bool {
        guard confirmingWrite else { return false }
        confirmingWrite = false
        write = key == "y" || key == "Y"
        notice = write ? "writes allowed: every statement now commits (Ctrl-W makes the prompt read-only again)" : "still read-only"
        return true
    }

    public mutating func export() {
        guard case .answered(let grid)? = outcome, grid.hasRows else {
            notice = "nothing to export: run a SELECT first"
            return
        }
        pending.append(.export(grid))
    }

    public mutating func scroll(rows: Int = 0, columns: Int = 0) {
        guard case .answered(let grid)? = outcome else { return }
        firstRow = min(max(0, grid.rows.count - 1), max(0, firstRow + rows))
        firstColumn = min(max(0, grid.columnNames.count - 1), max(0, firstColumn + columns))
    }

    public mutating func receive(_ outcome: QueryOutcome) {
        ran = running
        running = nil
        // A failed or cancelled write rolled back; a read-only statement cannot change a table.
        if case .answered = outcome { changedTables = runningWrite } else { changedTables = false }
        runningWrite = false
        self.outcome = outcome
        firstRow = 0
        firstColumn = 0
    }

    public mutating func takePending() -> [Pending] {
        defer { pending = [] }
        return pending
    }
}

extension ConsoleModel {
    /// A statement's outcome for the prompt; one that wrote and committed makes the catalog (and the
    /// other views' answers) out of date, so they are read again.
    public mutating func receive(query outcome: QueryOutcome) {
        sql.receive(outcome)
        if sql.changedTables { analysis.invalidate() }
    }
}
