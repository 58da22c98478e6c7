import Runbook

/// Where a binding applies. A key goes to the most specific scope open now: an overlay's scope alone
/// while one is open (help, a question); otherwise the focused panel's, then the view's, then
/// ``everywhere``.
public enum KeyScope: Sendable, Hashable {
    /// Any view, while no overlay is open.
    case everywhere
    /// One view (``ConsoleView``), while no overlay is open.
    case view(ConsoleView)
    /// The runbook view with this panel focused.
    case panel(PanelID)
    /// The help overlay is open.
    case help
    /// "Quit anyway?" is open.
    case quitQuestion
    /// A yes / no confirmation is open (C over tables that hold rows).
    case confirmYesNo
    /// A confirmation that wants its answer typed is open (5: the cluster id).
    case confirmTyped
    /// `e`'s "only new objects / everything" is open; `offersNewObjects` false: only everything is
    /// offered (an incremental run would rebuild in full anyway).
    case etlChoice(offersNewObjects: Bool)
}

/// Which keys a binding's action answers to. Letters match in either case (`q` and `Q`).
public enum KeyMatch: Sendable, Hashable {
    case key(Key)
    /// Any printable character (typing an answer).
    case anyCharacter
    /// Any key at all (closing the help).
    case anyKey

    func matches(_ pressed: Key) -> Bool {
        switch (self, pressed) {
        case (.anyKey, _): return true
        case (.anyCharacter, .character): return true
        case (.anyCharacter, _): return false
        case (.key(.character(let bound)), .character(let typed)): return bound.lowercased() == typed.lowercased()
        case (.key(let bound), _): return bound == pressed
        }
    }
}

/// What a key does to the console (lazygit's handler). ``ConsoleModel/handle(_:size:)`` carries it out:
/// the model changes, and what the runbook must do is returned as ``ConsoleIntent``s.
public enum KeyCommand: Sendable, Equatable {
    case request(RunbookStep)
    case showHelp, closeHelp
    /// `?` where text is typed (the SQL prompt): the help while there is nothing typed yet, else the
    /// character itself.
    case showHelpUnlessTyping
    /// Quit, asking first when quitting would cancel work or leave a cluster costing money.
    case quit
    /// Cancel the running stage.
    case cancel
    /// Ctrl-C: cancel the running stage, else as ``quit``.
    case interrupt
    case focusNext, focusPrevious, focus(PanelID)
    case scrollLog(LogScroll)
    /// Show or hide each log line's detail.
    case toggleLogDetail
    /// Answers of the quit question.
    case quitNow, stay
    /// Answers of a confirmation: yes (or the typed text), or no.
    case confirm, decline
    /// An answer of `e`'s "only new objects / everything".
    case chooseETL(ETLMode)
    /// Typing a confirmation's answer: the key's character, or erasing the last one.
    case typeCharacter, erase
    /// Step 5's dialog: type into the final snapshot field, or back into the cluster id.
    case switchField
    /// Switch to a view (the runbook's to close one); opening asks for its answer.
    case openView(ConsoleView)
    /// Ask the open view's answer again.
    case reloadView
    /// The History view: select the run `by` rows down (negative: up).
    case selectRun(by: Int)
    /// Scroll the open view's body `by` lines (negative: up).
    case scrollView(by: Int)
    /// A key of the SQL prompt.
    case sql(SQLKey)
}

/// What a key does in the SQL view.
public enum SQLKey: Sendable, Equatable {
    /// Esc: cancel the running statement, else close the view.
    case escape
    /// Ctrl-C: cancel the running statement, else clear the prompt.
    case interrupt
    case enter, erase, type, previous, next, export, toggleWrite
    case scroll(rows: Int, columns: Int)
}

/// How a log scroll key moves the log panel.
public enum LogScroll: Sendable, Equatable {
    case lineUp, lineDown, pageUp, pageDown, oldest, newest
}

/// One row of ``KeyBindings``: keys and what each does, one description for the help, and the short
/// hint the footer shows (nil: help only). A row may bind several keys (1 2 3 4, ↑ ↓ PgUp PgDn): the
/// help and the footer write them together.
public struct KeyBinding: Sendable, Equatable {
    public struct Action: Sendable, Equatable {
        public var match: KeyMatch
        public var command: KeyCommand

        public init(_ match: KeyMatch, _ command: KeyCommand) {
            self.match = match
            self.command = command
        }

        public init(_ key: Key, _ command: KeyCommand) { self.init(.key(key), command) }
    }

    public var scope: KeyScope
    public var actions: [Action]
    public var description: String
    /// The footer's word for it ("steps", "quit"); nil keeps it out of the footer.
    public var hint: String?

    public init(_ scope: KeyScope, _ actions: [Action], _ description: String, hint: String? = nil) {
        self.scope = scope
        self.actions = actions
        self.description = description
        self.hint = hint
    }

    /// One key, one command.
    public init(_ scope: KeyScope, _ key: Key, _ command: KeyCommand, _ description: String, hint: String? = nil) {
        self.init(scope, [Action(key, command)], description, hint: hint)
    }
}
