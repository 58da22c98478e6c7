/// The frame every panel sits in. The focused panel's frame is bold cyan and its title carries a
/// marker ("▸ Runbook", "> Runbook" in ASCII), so focus shows even without colour (`NO_COLOR`).
enum PanelFrame {
    /// Draws the frame of `panel` and returns the area inside it.
    @discardableResult
    static func draw(_ panel: PanelID, title: String? = nil, model: ConsoleModel, in rect: Rect, into grid: inout Grid) -> Rect {
        let focused = model.focus == panel
        let title = title ?? panel.title
        grid.fill(rect)
        grid.frame(rect, title: focused ? Glyphs(model.borders).focus + " " + title : title, borders: model.borders,
                   style: focused ? Style(color: .cyan, bold: true) : .plain,
                   titleStyle: focused ? Style(color: .cyan, bold: true) : .bold)
        return rect.inner
    }

    /// Text in a frame's bottom edge, right-aligned (the log's scroll indicator).
    static func footnote(_ text: String, in rect: Rect, into grid: inout Grid, style: Style = .plain) {
        guard rect.width > 6, rect.height >= 2 else { return }
        let text = " " + text.fitted(to: rect.width - 6) + " "
        grid.put(text, x: rect.maxX - 2 - CellWidth.of(text), y: rect.maxY - 1, style: style,
                 clip: Rect(x: rect.x + 1, y: rect.maxY - 1, width: rect.width - 2, height: 1))
    }
}
