import Runbook

/// The console's one key-binding table (lazygit's `GetKeybindings`): key handling, the help overlay and
/// the footer hints are all derived from it, so no key's text is written twice.
///
/// Adding a view's keys: add a case to ``ConsoleView``, then rows under ``KeyScope/view(_:)`` for it
/// (they come before ``KeyScope/everywhere``, so the view may rebind Esc or Tab), each with a
/// ``KeyCommand`` — add a command for what is new (e.g. switching to the view) and carry it out in
/// ``ConsoleModel/handle(_:size:)``. The key that opens the view from the runbook goes under
/// `.view(.runbook)`. Give a row a `hint` only if it belongs in the footer: the footer shows the hints
/// of the most specific scope that has any, then those of `.everywhere`, in table order.
public struct KeyBindings: Sendable, Equatable {
    public var rows: [KeyBinding]

    public init(_ rows: [KeyBinding]) { self.rows = rows }

    /// The console's keys.
    public static let standard = KeyBindings([
        steps([.iamRole, .cluster, .openPort, .connect], "IAM role, cluster, open port, connect"),
        steps([.cleanUp], "clean up (asks for the cluster id)"),
        steps([.createTables, .etl, .counts], "create tables, run ETL (only new objects?), row counts"),
        // No footer hint (the 80-column footer is full): the cluster panel's edge offers the one that applies.
        KeyBinding(.view(.runbook), [.init(.character(RunbookStep.pause.hotkey), .request(.pause)),
                                     .init(.character(RunbookStep.resume.hotkey), .request(.resume))],
                   "pause the cluster (storage stays billed), resume it"),
        KeyBinding(.everywhere, .tab, .focusNext, "next panel", hint: "focus"),
        KeyBinding(.everywhere, .backTab, .focusPrevious, "previous panel"),
        KeyBinding(.view(.runbook), [.init(.left, .focusPrevious), .init(.right, .focusNext),
                                     .init(.up, .focusPrevious), .init(.down, .focusNext)], "move focus between panels"),
        KeyBinding(.view(.runbook), .character("l"), .focus(.log), "focus the log", hint: "log"),
        KeyBinding(.view(.runbook), .character("i"), .openView(.insights), "Insights: the analysts' questions as charts", hint: "insights"),
        KeyBinding(.view(.runbook), .character("h"), .openView(.history), "History: runs, stage times, rejected records", hint: "history"),
        KeyBinding(.view(.insights), [.init(.character("i"), .openView(.runbook)), .init(.escape, .openView(.runbook))],
                   "back to the runbook", hint: "back"),
        KeyBinding(.view(.insights), .character("r"), .reloadView, "read the insights again", hint: "refresh"),
        KeyBinding(.view(.insights), [.init(.up, .scrollView(by: -1)), .init(.down, .scrollView(by: 1)),
                                      .init(.pageUp, .scrollView(by: -10)), .init(.pageDown, .scrollView(by: 10))],
                   "scroll", hint: "scroll"),
        KeyBinding(.view(.history), [.init(.character("h"), .openView(.runbook)), .init(.escape, .openView(.runbook))],
                   "back to the runbook", hint: "back"),
        KeyBinding(.view(.history), [.init(.up, .selectRun(by: -1)), .init(.down, .selectRun(by: 1))], "select a run",
                   hint: "select"),
        KeyBinding(.view(.history), [.init(.pageUp, .scrollView(by: -10)), .init(.pageDown, .scrollView(by: 10))],
                   "scroll the run's details", hint: "scroll"),
        KeyBinding(.view(.history), .character("r"), .reloadView, "read etl_runs again", hint: "refresh"),
        KeyBinding(.view(.runbook), .character("s"), .openView(.sql), "SQL: a read-only prompt, the catalog, a result grid", hint: "sql"),
        // First of the SQL view's rows, so the narrow footer still shows it: typed characters go to the
        // prompt, and F1 is the help key that works while typing.
        KeyBinding(.view(.sql), [.init(.function(1), .showHelp), .init(.character("?"), .showHelpUnlessTyping)],
                   "these keys (? while the prompt is empty, else it is typed)", hint: "help"),
        KeyBinding(.view(.sql), .enter, .sql(.enter), "run the statement once it ends with ; (else a new line)", hint: "run ;"),
        KeyBinding(.view(.sql), [.init(.escape, .sql(.escape)), .init(.interrupt, .sql(.interrupt))],
                   "cancel the running statement; Esc then closes the view, Ctrl-C clears the prompt", hint: "cancel/back"),
        KeyBinding(.view(.sql), [.init(.up, .sql(.previous)), .init(.down, .sql(.next))], "earlier statements", hint: "history"),
        KeyBinding(.view(.sql), [.init(.pageUp, .sql(.scroll(rows: -10, columns: 0))), .init(.pageDown, .sql(.scroll(rows: 10, columns: 0))),
                                 .init(.left, .sql(.scroll(rows: 0, columns: -1))), .init(.right, .sql(.scroll(rows: 0, columns: 1)))],
                   "scroll the result", hint: "scroll"),
        KeyBinding(.view(.sql), .character("\u{5}"), .sql(.export), "export the result as CSV (the path is shown)", hint: "export"),
        KeyBinding(.view(.sql), .character("\u{17}"), .sql(.toggleWrite), "allow writes (asks y first) / read-only again", hint: "write"),
        KeyBinding(.view(.sql), .backspace, .sql(.erase), "erase"),
        KeyBinding(.view(.sql), [.init(.anyCharacter, .sql(.type))], "type the statement"),
        KeyBinding(.panel(.log), [.init(.up, .scrollLog(.lineUp)), .init(.down, .scrollLog(.lineDown)),
                                  .init(.pageUp, .scrollLog(.pageUp)), .init(.pageDown, .scrollLog(.pageDown))],
                   "scroll the log (when focused)", hint: "scroll"),
        KeyBinding(.panel(.log), .home, .scrollLog(.oldest), "oldest log line"),
        KeyBinding(.panel(.log), .end, .scrollLog(.newest), "follow the newest log line", hint: "follow"),
        KeyBinding(.panel(.log), .enter, .toggleLogDetail, "show / hide what each look at AWS and the database ran",
                   hint: "detail"),
        KeyBinding(.everywhere, .character("?"), .showHelp, "this help", hint: "help"),
        KeyBinding(.everywhere, [.init(.escape, .cancel), .init(.interrupt, .interrupt)],
                   "cancel the running stage, close a dialog"),
        KeyBinding(.everywhere, .character("q"), .quit, "quit (asks first if work runs or a cluster is up)", hint: "quit"),

        KeyBinding(.help, [.init(.anyKey, .closeHelp)], "closes this help", hint: "closes this help"),

        KeyBinding(.quitQuestion, .character("y"), .quitNow, "quit", hint: "quit"),
        KeyBinding(.quitQuestion, .character("n"), .stay, "stay", hint: "stay"),
        KeyBinding(.quitQuestion, [.init(.escape, .stay), .init(.enter, .stay), .init(.character("q"), .stay)], "stay"),

        KeyBinding(.confirmYesNo, .character("y"), .confirm, "confirm", hint: "confirm"),
        KeyBinding(.confirmYesNo, [.init(.character("n"), .decline), .init(.escape, .decline)], "cancel", hint: "cancel"),
        KeyBinding(.confirmYesNo, .interrupt, .decline, "cancel"),

        KeyBinding(.confirmTyped, [.init(.anyCharacter, .typeCharacter)], "type the answer", hint: "type the answer"),
        KeyBinding(.confirmTyped, .backspace, .erase, "erase the last character"),
        KeyBinding(.confirmTyped, .tab, .switchField, "type a final snapshot id (optional) / back to the cluster id",
                   hint: "snapshot"),
        KeyBinding(.confirmTyped, .enter, .confirm, "confirm", hint: "confirm"),
        KeyBinding(.confirmTyped, .escape, .decline, "cancel", hint: "cancel"),
        KeyBinding(.confirmTyped, .interrupt, .decline, "cancel"),

        KeyBinding(.etlChoice(offersNewObjects: true), .character("n"), .chooseETL(.newObjects),
                   "only new objects: stage what etl_objects does not list, update the tables in place", hint: "only new"),
        KeyBinding(.etlChoice(offersNewObjects: true), .character("e"), .chooseETL(.everything),
                   "everything: reload every object, rebuild every table", hint: "everything"),
        KeyBinding(.etlChoice(offersNewObjects: true), [.init(.escape, .decline), .init(.interrupt, .decline)],
                   "cancel", hint: "cancel"),
        KeyBinding(.etlChoice(offersNewObjects: false), .character("e"), .chooseETL(.everything),
                   "everything: reload every object, rebuild every table", hint: "everything"),
        KeyBinding(.etlChoice(offersNewObjects: false), [.init(.escape, .decline), .init(.interrupt, .decline)],
                   "cancel", hint: "cancel"),
    ])

    /// A row of step keys: each step's own hotkey runs it.
    static func steps(_ steps: [RunbookStep], _ description: String) -> KeyBinding {
        KeyBinding(.view(.runbook), steps.map { .init(.character($0.hotkey), .request($0)) }, description, hint: "steps")
    }

    /// The key that does `command` in the runbook ("p" for the pause), for a panel's hint; nil when none does.
    func key(for command: KeyCommand, glyphs: Glyphs) -> String? {
        rows.lazy.filter { $0.scope == .view(.runbook) }.flatMap(\.actions).first { $0.command == command }
            .map { KeyLabel.keys([$0.match], glyphs: glyphs) }
    }

    /// The scopes that receive keys in the model's present state, most specific first.
    static func scopes(_ model: ConsoleModel) -> [KeyScope] {
        if model.showsHelp { return [.help] }
        switch model.dialog {
        case .quit?: return [.quitQuestion]
        case .etlChoice(let choice)?: return [.etlChoice(offersNewObjects: choice.modes.contains(.newObjects))]
        case .confirm(let confirmation, _)?:
            if case .yes = confirmation.answer { return [.confirmYesNo] }
            return [.confirmTyped]
        case nil:
            return (model.view == .runbook ? [.panel(model.focus)] : []) + [.view(model.view), .everywhere]
        }
    }

    /// What `key` does now, or nil when it does nothing here.
    func command(for key: Key, in model: ConsoleModel) -> KeyCommand? {
        answeringRow(for: key, in: model).flatMap { index in rows[index].actions.first { $0.match.matches(key) }?.command }
    }

    /// The index of the row that answers `key` now.
    private func answeringRow(for key: Key, in model: ConsoleModel) -> Int? {
        for scope in Self.scopes(model) {
            if let index = rows.indices.first(where: { rows[$0].scope == scope && rows[$0].actions.contains { $0.match.matches(key) } }) {
                return index
            }
        }
        return nil
    }

    /// The rows as they work now: a row of ``KeyScope/everywhere`` loses the keys a more specific scope
    /// takes (in the SQL view `?` and `q` are typed), and goes when none is left; so the help and the
    /// footer never offer a key that does something else here.
    private func liveRows(_ model: ConsoleModel) -> [KeyBinding] {
        // As the view's keys work under the help that lists them.
        var model = model
        model.showsHelp = false
        model.dialog = nil
        return rows.indices.compactMap { index in
            var row = rows[index]
            guard row.scope == .everywhere else { return row }
            row.actions = row.actions.filter { action in
                guard case .key(let key) = action.match else { return true }
                return answeringRow(for: key, in: model) == index
            }
            return row.actions.isEmpty ? nil : row
        }
    }

    /// The help's rows for the model's view: keys and description, in table order.
    func helpRows(_ model: ConsoleModel, glyphs: Glyphs) -> [(keys: String, description: String)] {
        liveRows(model).filter { row in
            switch row.scope {
            case .everywhere: return true
            case .view(let view): return view == model.view
            case .panel: return model.view == .runbook
            case .help, .quitQuestion, .confirmYesNo, .confirmTyped, .etlChoice: return false
            }
        }.map { (KeyLabel.keys($0.actions.map(\.match), glyphs: glyphs), $0.description) }
    }

    /// The keys that carry out `command` in `scope` ("n"), for a dialog that names its answers.
    func keyLabel(for command: KeyCommand, in scope: KeyScope, glyphs: Glyphs) -> String {
        let matches = rows.filter { $0.scope == scope }.flatMap(\.actions).filter { $0.command == command }.map(\.match)
        return KeyLabel.keys(matches, glyphs: glyphs)
    }

    /// The line that tells how to close the help ("any key closes this help").
    func helpClosing(glyphs: Glyphs) -> String {
        rows.filter { $0.scope == .help }
            .map { KeyLabel.joined(KeyLabel.keys($0.actions.map(\.match), glyphs: glyphs), $0.description) }
            .joined(separator: "  ")
    }

    /// The footer's hints for the model's present state: "1-5 c e r steps  l log  Tab focus  ? help  q quit".
    /// Neighbouring rows with the same hint share it.
    func hints(_ model: ConsoleModel, glyphs: Glyphs) -> String {
        let scopes = Self.scopes(model)
        let specific = scopes.filter { $0 != .everywhere }
            .lazy.map { scope in self.rows.filter { $0.scope == scope && $0.hint != nil } }
            .first { !$0.isEmpty } ?? []
        let general = scopes.contains(.everywhere) ? liveRows(model).filter { $0.scope == .everywhere && $0.hint != nil } : []
        var groups: [(matches: [KeyMatch], hint: String)] = []
        for row in specific + general {
            guard let hint = row.hint else { continue }
            if let last = groups.last, last.hint == hint {
                groups[groups.count - 1].matches += row.actions.map(\.match)
            } else {
                groups.append((row.actions.map(\.match), hint))
            }
        }
        return groups.map { KeyLabel.joined(KeyLabel.keys($0.matches, glyphs: glyphs, compact: true), $0.hint) }
            .joined(separator: "  ")
    }
}
