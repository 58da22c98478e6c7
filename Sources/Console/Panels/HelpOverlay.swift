/// `?`: every key of the view, from the binding table, in a box over the panels (any key closes it).
public enum HelpOverlay {
    public static func render(_ model: ConsoleModel, into grid: inout Grid) {
        let g = Glyphs(model.borders)
        let keys = model.keys.helpRows(model, glyphs: g)
        let keyWidth = keys.map { CellWidth.of($0.keys) }.max() ?? 0
        var lines = keys.map { OverlayBox.Line($0.keys.padded(to: keyWidth) + "  " + $0.description) }
        lines.append(OverlayBox.Line(""))
        lines.append(OverlayBox.Line(model.keys.helpClosing(glyphs: g), style: .dim))
        OverlayBox.draw(title: "Keys", lines: lines, borders: model.borders, into: &grid)
    }
}
