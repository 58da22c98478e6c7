import Runbook

extension ConsoleModel {
    /// Whether a long step runs now: `q` asks first, Ctrl-C cancels instead of quitting.
    public var isBusy: Bool { snapshot.steps.contains { $0.step.isLong && $0.state.isRunning } }

    /// What quitting would leave behind, or nil when quitting is harmless.
    public var quitRisk: String? {
        if let running = snapshot.steps.first(where: { $0.step.isLong && $0.state.isRunning }) {
            return "\(running.step.label) is running: quitting cancels it (what it changed so far is rolled back)."
        }
        // The engine's decision (`exitWarning`): a cluster on real AWS that is not already going away.
        if let cluster = snapshot.cluster, cluster.keepsCostingMoney, let status = cluster.status {
            let cost = cluster.cost(at: now).map { " (\($0.text))" } ?? ""
            return "Cluster \(cluster.identifier) is \(status)\(cost) and keeps costing money after you quit."
        }
        return nil
    }

    /// One key on a screen of `size`: the model changes (focus, scroll, overlays) and the intents to
    /// carry out are returned.
    public mutating func handle(_ key: Key, size: Size) -> [ConsoleIntent] {
        // No terminal, no operator: quit (a running stage is cancelled and rolled back on the way out).
        if key == .hangup { return [.quit] }
        if showsHelp {
            // Any key closes the help; it does nothing else.
            showsHelp = false
            return []
        }
        if let dialog { return answer(dialog, key) }
        switch key {
        case .character("?"):
            showsHelp = true
        case .character("q"), .character("Q"):
            if let risk = quitRisk {
                dialog = .quit(reason: risk)
                return []
            }
            return [.quit]
        case .character("l"), .character("L"):
            focus = .log
        case .tab, .right:
            focus = Self.neighbour(of: focus, by: 1)
        case .backTab, .left:
            focus = Self.neighbour(of: focus, by: -1)
        case .up, .down, .pageUp, .pageDown, .home, .end:
            if focus == .log { scrollLog(key, size: size) } else { focus = Self.neighbour(of: focus, by: key == .up ? -1 : 1) }
        case .escape:
            return [.cancel]
        case .interrupt:
            if isBusy { return [.cancel] }
            return handle(.character("q"), size: size)
        case .character(let character):
            if let step = RunbookStep(hotkey: character) { return [.request(step)] }
            status = "\(character): not a key here — ? shows the keys"
        case .enter, .backspace, .resize, .hangup:
            break
        }
        return []
    }

    private mutating func answer(_ open: Dialog, _ key: Key) -> [ConsoleIntent] {
        switch open {
        case .quit:
            switch key {
            case .character("y"), .character("Y"): return [.quit]
            case .character("n"), .character("N"), .escape, .enter, .character("q"): dialog = nil
            default: break
            }
            return []
        case .confirm(let confirmation, let typed):
            switch (confirmation.answer, key) {
            case (_, .escape), (_, .interrupt):
                dialog = nil
                return [.answer(nil)]
            case (.yes, .character(let c)) where "yY".contains(c):
                dialog = nil
                return [.answer("y")]
            case (.yes, .character(let c)) where "nN".contains(c):
                dialog = nil
                return [.answer(nil)]
            case (.type, .character(let c)):
                dialog = .confirm(confirmation, typed: typed + String(c))
            case (.type, .backspace):
                dialog = .confirm(confirmation, typed: String(typed.dropLast()))
            case (.type, .enter):
                dialog = nil
                return [.answer(typed)]
            default:
                break
            }
            return []
        }
    }

    /// Scrolls by rows of the log panel (a long error wraps over several), never past its first line.
    private mutating func scrollLog(_ key: Key, size: Size) {
        let page = max(1, (ConsoleLayout(size)?[.log].inner.height ?? 10) - 1)
        let most = LogPanel.scrollLimit(self, size: size)
        switch key {
        case .up: logScroll += 1
        case .down: logScroll -= 1
        case .pageUp: logScroll += page
        case .pageDown: logScroll -= page
        case .home: logScroll = most
        default: logScroll = 0
        }
        logScroll = min(most, max(0, logScroll))
    }

    static func neighbour(of panel: PanelID, by step: Int) -> PanelID {
        let all = PanelID.allCases
        let index = all.firstIndex(of: panel)!
        return all[(index + step + all.count) % all.count]
    }

    /// An event from the runbook: the panels' picture, the dialog it opens, the status line it leaves.
    public mutating func apply(_ event: RunbookEvent) {
        let before = snapshot.log.entries.count
        snapshot.apply(event)
        // A scrolled log stays on the lines the operator is reading.
        if logScroll > 0 { logScroll += snapshot.log.entries.count - before }
        switch event {
        case .confirmationRequested(let confirmation):
            dialog = .confirm(confirmation, typed: "")
        case .refused(let step, let reason):
            status = (step.map { "\($0.label): " } ?? "") + reason
        case .result(let step, let outcome):
            status = "\(step.label) \(outcome.name)" + (outcome.detail.map { ": \($0)" } ?? "")
        case .warning(let message):
            status = "warning: " + message
        default:
            break
        }
    }
}
