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
            return "Cluster \(cluster.identifier) is \(status.text)\(cost) and keeps costing money after you quit; "
                + "p pauses it (storage stays billed, compute stops)."
        }
        return nil
    }

    /// One key on a screen of `size`: the model changes (focus, scroll, overlays) and the intents to
    /// carry out are returned. What a key does comes from ``keys`` (``KeyBindings``).
    public mutating func handle(_ key: Key, size: Size) -> [ConsoleIntent] {
        // No terminal, no operator: quit (a running stage is cancelled and rolled back on the way out).
        if key == .hangup { return [.quit] }
        if key == .resize { return [] }
        guard let command = keys.command(for: key, in: self) else {
            // Only the panels' own keys earn a word; an open overlay ignores what it does not know.
            if showsHelp || dialog != nil { return [] }
            status = "\(KeyLabel.of(key, glyphs: Glyphs(borders))): not a key here — ? shows the keys"
            return []
        }
        return perform(command, key: key, size: size)
    }

    private mutating func perform(_ command: KeyCommand, key: Key, size: Size) -> [ConsoleIntent] {
        switch command {
        case .request(let step): return [.request(step)]
        case .showHelp: showsHelp = true
        case .closeHelp: showsHelp = false
        case .showHelpUnlessTyping:
            // Once the prompt holds text (or asks its write question) `?` is part of what is typed.
            if sql.confirmingWrite || !sql.text.isEmpty { return perform(.sql(.type), key: key, size: size) }
            showsHelp = true
        case .quit:
            if let risk = quitRisk {
                dialog = .quit(reason: risk)
                return []
            }
            return [.quit]
        case .cancel: return [.cancel]
        case .interrupt: return isBusy ? [.cancel] : perform(.quit, key: key, size: size)
        case .focusNext: focus = Self.neighbour(of: focus, by: 1)
        case .focusPrevious: focus = Self.neighbour(of: focus, by: -1)
        case .focus(let panel): focus = panel
        case .scrollLog(let scroll): scrollLog(scroll, size: size)
        case .toggleLogDetail: logDetail.toggle()
        case .quitNow: return [.quit]
        case .stay: dialog = nil
        case .confirm:
            guard case .confirm(let confirmation, let typed)? = dialog else { return [] }
            dialog = nil
            if case .yes = confirmation.answer { return [.answer("y")] }
            if confirmation.snapshotPrompt != nil, !finalSnapshot.isEmpty { return [.answerKeeping(typed, finalSnapshot: finalSnapshot)] }
            return [.answer(typed)]
        case .decline:
            var wasChoice = false
            if case .etlChoice? = dialog { wasChoice = true }
            dialog = nil
            return [wasChoice ? .choose(nil) : .answer(nil)]
        case .chooseETL(let mode):
            guard case .etlChoice(let choice)? = dialog, choice.modes.contains(mode) else { return [] }
            dialog = nil
            return [.choose(mode)]
        case .typeCharacter:
            guard case .confirm(let confirmation, let typed)? = dialog, case .character(let c) = key else { return [] }
            if typingSnapshot { finalSnapshot.append(c) } else { dialog = .confirm(confirmation, typed: typed + String(c)) }
        case .erase:
            guard case .confirm(let confirmation, let typed)? = dialog else { return [] }
            if typingSnapshot { finalSnapshot = String(finalSnapshot.dropLast()) }
            else { dialog = .confirm(confirmation, typed: String(typed.dropLast())) }
        case .switchField:
            guard case .confirm(let confirmation, _)? = dialog, confirmation.snapshotPrompt != nil else { return [] }
            typingSnapshot.toggle()
        case .openView(let opened):
            view = opened
            analysis.scroll = 0
            switch opened {
            case .runbook: break
            case .insights: if analysis.insights.value == nil { analysis.ask(.insights) }
            case .history: if analysis.history.value == nil { analysis.ask(.history) }
            case .sql: if analysis.catalog.value == nil { analysis.ask(.catalog) }
            }
        case .reloadView:
            if view == .insights { analysis.ask(.insights) }
            if view == .history { analysis.ask(.history) }
        case .selectRun(let step):
            let count = analysis.history.value?.count ?? 0
            analysis.selectedRun = min(max(0, count - 1), max(0, analysis.selectedRun + step))
            analysis.scroll = 0
        case .scrollView(let step):
            analysis.scroll = max(0, analysis.scroll + step)
        case .sql(let sqlKey):
            // The key after Ctrl-W answers its question, whatever it is.
            if case .character(let c) = key, sql.answerWriteQuestion(c) { return [] }
            if sql.answerWriteQuestion(nil) { return [] }
            switch sqlKey {
            case .escape: if !sql.cancel() { view = .runbook }
            case .interrupt: if !sql.cancel() { sql.text = "" }
            case .enter: sql.enter()
            case .erase: sql.erase()
            case .type: if case .character(let c) = key { sql.type(c) }
            case .previous: sql.previous()
            case .next: sql.next()
            case .export: sql.export()
            case .toggleWrite: sql.toggleWrite()
            case .scroll(let rows, let columns): sql.scroll(rows: rows, columns: columns)
            }
        }
        return []
    }

    /// Scrolls by rows of the log panel (a long error wraps over several), never past its first line.
    private mutating func scrollLog(_ scroll: LogScroll, size: Size) {
        let page = max(1, (ConsoleLayout(size)?[.log].inner.height ?? 10) - 1)
        let most = LogPanel.scrollLimit(self, size: size)
        switch scroll {
        case .lineUp: logScroll += 1
        case .lineDown: logScroll -= 1
        case .pageUp: logScroll += page
        case .pageDown: logScroll -= page
        case .oldest: logScroll = most
        case .newest: logScroll = 0
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
            finalSnapshot = ""
            typingSnapshot = false
        case .comparing:
            status = "\(RunbookStep.etl.label): \(RunbookEvent.comparingText)"
        case .choiceRequested(let choice):
            dialog = .etlChoice(choice)
            status = nil
        case .stepState(.etl, let state) where state.isRunning && status == "\(RunbookStep.etl.label): \(RunbookEvent.comparingText)":
            // The comparison is over: the run's own line says what it does now.
            status = nil
        case .refused(let step, let reason):
            status = (step.map { "\($0.label): " } ?? "") + reason
        case .result(let step, let outcome):
            status = "\(step.label) \(outcome.name)" + (outcome.detail.map { ": \($0)" } ?? "")
            // The tables changed: the views' answers are read again.
            if step == .etl || step == .createTables { analysis.invalidate() }
        case .warning(let message):
            status = "warning: " + message
        default:
            break
        }
    }
}
