/// The whole screen from the model, in one pure call: the console loop renders, then a ``Screen``
/// presents. Panels first, overlays last over them; below the minimum size, a notice instead.
public enum ConsoleRenderer {
    public static func render(_ model: ConsoleModel, size: Size) -> Grid {
        var grid = Grid(size)
        guard let layout = ConsoleLayout(size) else {
            SizeNotice.render(size: size, into: &grid)
            return grid
        }
        switch model.view {
        case .runbook:
            StatusLines.header(model, in: layout.header, into: &grid)
            RunbookPanel.render(model, in: layout[.runbook], into: &grid)
            ClusterPanel.render(model, in: layout[.cluster], into: &grid)
            TablesPanel.render(model, in: layout[.tables], into: &grid)
            ETLPanel.render(model, in: layout[.etl], into: &grid)
            LogPanel.render(model, in: layout[.log], into: &grid)
            StatusLines.footer(model, in: layout.footer, into: &grid)
        case .insights: InsightsView.render(model, size: size, into: &grid)
        case .history: HistoryView.render(model, size: size, into: &grid)
        case .sql: SQLView.render(model, size: size, into: &grid)
        }
        if model.showsHelp { HelpOverlay.render(model, into: &grid) }
        DialogOverlay.render(model, into: &grid)
        return grid
    }
}
