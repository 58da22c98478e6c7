import Runbook

/// `e`'s question after a previous run (``Dialog/etlChoice(_:)``): how many objects each staging stage
/// would load anew, and the answers with their keys from the binding table — or, when an incremental
/// run would rebuild in full anyway, why, with everything as the only answer.
enum ETLChoiceDialog {
    static func title(_ choice: ETLChoice) -> String {
        RunbookStep.etl.label + (choice.fullRebuildReason == nil ? ": what to load" : ": a full run is needed")
    }

    static func lines(_ choice: ETLChoice, model: ConsoleModel, width: Int) -> [OverlayBox.Line] {
        var lines: [OverlayBox.Line] = []
        if let reason = choice.fullRebuildReason {
            lines = TextWrap.lines("Only a full run gives the right tables: \(reason).", width: width)
                .map { OverlayBox.Line($0, style: .bold) }
        } else {
            lines.append(OverlayBox.Line("A previous run recorded what it loaded:", style: .bold))
            let titleWidth = choice.stages.map { CellWidth.of($0.stage.title) }.max() ?? 0
            for count in choice.stages {
                let text = "  " + count.stage.title.padded(to: titleWidth)
                    + "  \(PanelText.grouped(count.new)) new of \(PanelText.grouped(count.listed)) objects"
                lines.append(OverlayBox.Line(text.fitted(to: width)))
            }
        }
        lines.append(OverlayBox.Line(""))
        let scope = KeyScope.etlChoice(offersNewObjects: choice.modes.contains(.newObjects))
        let glyphs = Glyphs(model.borders)
        for mode in choice.modes {
            let key = model.keys.keyLabel(for: .chooseETL(mode), in: scope, glyphs: glyphs)
            lines.append(OverlayBox.Line("\(key)  \(choice.label(mode))", style: Style(color: .yellow, bold: true)))
        }
        lines.append(OverlayBox.Line(""))
        lines.append(OverlayBox.Line(model.keys.keyLabel(for: .decline, in: scope, glyphs: glyphs) + " cancels: nothing is run",
                                     style: .dim))
        return lines
    }
}
