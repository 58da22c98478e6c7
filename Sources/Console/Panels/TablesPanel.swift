import Foundation
import Runbook

/// Row counts per table with the change since the latest ETL run started (before any run: since the last count), and when they were counted: the
/// operator's proof that a load did what it should. Columns are as wide as their widest value and
/// right-aligned, so digits line up.
public enum TablesPanel {
    public static func render(_ model: ConsoleModel, in rect: Rect, into grid: inout Grid) {
        let inner = PanelFrame.draw(.tables, model: model, in: rect, into: &grid)
        for (row, line) in lines(model, width: inner.width).prefix(inner.height).enumerated() {
            grid.put(line.text, x: inner.x, y: inner.y + row, style: line.style, clip: inner)
        }
    }

    struct Line: Equatable {
        var text: String
        var style: Style = .plain
    }

    static func lines(_ model: ConsoleModel, width: Int) -> [Line] {
        let snapshot = model.snapshot
        guard !snapshot.tables.isEmpty else {
            return [Line(text: "not counted yet", style: .dim), Line(text: "r counts the rows", style: .dim)]
        }
        let rows = snapshot.tables.map { $0.rows.map(PanelText.grouped) ?? "missing" }
        let changes = snapshot.tables.map { $0.change.map(PanelText.change) ?? "" }
        let nameWidth = max(5, snapshot.tables.map { CellWidth.of($0.name) }.max() ?? 0)
        let rowsWidth = max(4, rows.map { CellWidth.of($0) }.max() ?? 0)
        let changeWidth = max(6, changes.map { CellWidth.of($0) }.max() ?? 0)
        func line(_ name: String, _ rows: String, _ change: String) -> String {
            name.padded(to: nameWidth) + "  " + rows.leftPadded(to: rowsWidth) + "  " + change.leftPadded(to: changeWidth)
        }
        var out = [Line(text: line("table", "rows", "change"), style: .dim)]
        for (index, table) in snapshot.tables.enumerated() {
            out.append(Line(text: line(table.name, rows[index], changes[index]),
                            style: table.rows == nil ? Style(color: .red) : (table.change ?? 0) != 0 ? .bold : .plain))
        }
        if let at = snapshot.countedAt {
            let ago = PanelText.duration(max(0, model.now.timeIntervalSince(at)))
            out.append(Line(text: "counted \(PanelText.clock(at)) UTC, \(ago) ago", style: .dim))
        }
        return out
    }
}
