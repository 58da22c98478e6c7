import Runbook

/// What a key asks of the runbook (lazygit's controllers: keys → handlers). The console loop hands these
/// to the session; the model itself never runs anything.
public enum ConsoleIntent: Sendable, Equatable {
    case request(RunbookStep)
    /// The reply to the open confirmation; nil: dismissed.
    case answer(String?)
    /// The answer to `e`'s "only new objects / everything"; nil: dismissed.
    case choose(ETLMode?)
    /// Step 5's reply with a final snapshot's id typed in the dialog's second field.
    case answerKeeping(String, finalSnapshot: String)
    /// Esc / Ctrl-C: cancel the running stage.
    case cancel
    case quit
}
