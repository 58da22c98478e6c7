/// A whole-screen view of the console, switched by one key (k9s, lazygit). The runbook view (the
/// panels) is where the console opens; other views add a case here, their keys to ``KeyBindings``
/// under ``KeyScope/view(_:)`` and a renderer beside the runbook's.
public enum ConsoleView: String, Sendable, CaseIterable, Hashable {
    case runbook
    /// `i`: the analysts' questions as pictures.
    case insights
    /// `h`: the recorded runs, their stage times and rejected records.
    case history
    /// `s`: a read-only SQL prompt, the catalog and a result grid.
    case sql
}
