/// What the operator should do next, from the steps' derived states (k9s/lazygit's hint for the next
/// action): the database path first — create the tables, then run the ETL — since a reachable database
/// needs nothing from steps 1–3; otherwise the first of steps 1–4 that can run. Nothing while a long
/// step runs, nor once the ETL is done.
extension RunbookSnapshot {
    public var nextStep: RunbookStep? {
        if steps.contains(where: { $0.step.isLong && $0.state.isRunning }) { return nil }
        func actionable(_ step: RunbookStep) -> Bool {
            switch state(of: step) {
            case .pending, .failed: return true
            case .running, .done, .blocked: return false
            }
        }
        if case .done = state(of: .etl) { return nil }
        return [.createTables, .etl, .iamRole, .cluster, .openPort, .connect].first(where: actionable)
    }

    /// "next: c — create tables", "next: 1 — IAM role"; nil when there is nothing to suggest.
    public var nextHint: String? {
        nextStep.map { step in
            let title = step.title
            // "Create tables" reads "create tables"; an acronym ("IAM role") keeps its capitals.
            let second = title.dropFirst().first
            let words = second?.isLowercase == true ? title.prefix(1).lowercased() + title.dropFirst() : title
            return "next: \(step.hotkey) — \(words)"
        }
    }
}
