import Runbook

/// The question of ``ConsoleModel/dialog`` in a box over everything: a destructive step's confirmation
/// (with what the operator has typed and a cursor), `e`'s "only new objects / everything" or "quit anyway?".
public enum DialogOverlay {
    /// Prompts wrap to this width, so the box stays a readable shape on wide screens.
    static let textWidth = 56

    public static func render(_ model: ConsoleModel, into grid: inout Grid) {
        guard let dialog = model.dialog else { return }
        let width = max(10, min(textWidth, grid.size.width - 4))
        let g = Glyphs(model.borders)
        switch dialog {
        case .confirm(let confirmation, let typed):
            let prompt = confirmation.prompt(finalSnapshot: model.finalSnapshot)
            var lines = TextWrap.lines(prompt, width: width).map { OverlayBox.Line($0, style: .bold) }
            lines.append(OverlayBox.Line(""))
            lines.append(OverlayBox.Line(confirmation.instruction + ", Esc cancels"))
            // The input's end is what matters while typing: keep it and the cursor in view.
            func field(_ label: String, _ text: String, typing: Bool) -> OverlayBox.Line {
                let input = label + "> " + text + (typing ? g.cursor : "")
                let shown = CellWidth.of(input) <= width ? input : "…" + String(input.suffix(width - 1))
                return OverlayBox.Line(shown, style: typing ? Style(color: .yellow, bold: true) : .dim)
            }
            let offersSnapshot = confirmation.snapshotPrompt != nil
            lines.append(field("", typed, typing: !(offersSnapshot && model.typingSnapshot)))
            if offersSnapshot {
                lines.append(OverlayBox.Line(""))
                lines.append(OverlayBox.Line("Tab: a final snapshot first (optional)"))
                lines.append(field("", model.finalSnapshot, typing: model.typingSnapshot))
            }
            OverlayBox.draw(title: confirmation.step.label + ": confirm", lines: lines, borders: model.borders,
                            into: &grid, style: Style(color: .red, bold: true))
        case .etlChoice(let choice):
            OverlayBox.draw(title: ETLChoiceDialog.title(choice), lines: ETLChoiceDialog.lines(choice, model: model, width: width),
                            borders: model.borders, into: &grid, style: Style(color: .cyan, bold: true))
        case .quit(let reason):
            var lines = TextWrap.lines(reason, width: width).map { OverlayBox.Line($0) }
            lines.append(OverlayBox.Line(""))
            lines.append(OverlayBox.Line(StatusLines.hints(model), style: .bold))
            OverlayBox.draw(title: "Quit sparkify?", lines: lines, borders: model.borders, into: &grid,
                            style: Style(color: .yellow, bold: true))
        }
    }
}
