/// A framed box centred over the panels, blanking what is under it: the help overlay and the dialogs.
/// On a screen smaller than the box it is clipped to the grid, never drawn outside it.
enum OverlayBox {
    struct Line {
        var text: String
        var style: Style = .plain

        init(_ text: String, style: Style = .plain) {
            self.text = text
            self.style = style
        }
    }

    /// Draws the box sized to its lines (one column of margin inside the frame) and returns its rect.
    @discardableResult
    static func draw(title: String, lines: [Line], borders: BorderSet, into grid: inout Grid,
                     style: Style = Style(color: .cyan, bold: true)) -> Rect {
        let contentWidth = max(CellWidth.of(title) + 2, lines.map { CellWidth.of($0.text) }.max() ?? 0)
        let width = min(grid.size.width, contentWidth + 4)
        let height = min(grid.size.height, lines.count + 2)
        let rect = Rect(x: (grid.size.width - width) / 2, y: (grid.size.height - height) / 2, width: width, height: height)
        grid.fill(rect)
        grid.frame(rect, title: title, borders: borders, style: style, titleStyle: style)
        let inside = Rect(x: rect.x + 2, y: rect.y + 1, width: rect.width - 4, height: rect.height - 2)
        for (row, line) in lines.prefix(inside.height).enumerated() {
            grid.put(line.text.fitted(to: inside.width), x: inside.x, y: inside.y + row, style: line.style, clip: inside)
        }
        return rect
    }
}
