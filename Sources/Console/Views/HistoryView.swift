import Runbook

/// The History view (`h`): the recorded runs as a list (↑/↓ selects) and, below, the selected run's
/// stage times as bars and the records its loads rejected. Pure.
enum HistoryView {
    static func render(_ model: ConsoleModel, size: Size, into grid: inout Grid) {
        let refreshing = model.analysis.refreshing.contains(.history) && model.analysis.history.value != nil
        let body = ViewChrome.draw(model, title: "History" + (refreshing ? " (refreshing…)" : ""), size: size, into: &grid)
        guard case .loaded(let history) = model.analysis.history else {
            let text: String
            if case .failed(let reason) = model.analysis.history { text = "cannot read etl_runs: " + reason } else { text = "reading etl_runs…" }
            ViewChrome.lines([text], scroll: 0, in: body, into: &grid)
            return
        }
        let list = history.listLines
        // The list takes up to half the body; the details the rest.
        let listRows = min(list.count, max(2, body.height / 2))
        let (listRect, rest) = body.splitTop(listRows)
        let selected = model.analysis.selectedRun
        // Keep the selected run (line selected + 1, after the header) in sight.
        let first = max(0, min(selected + 1 - (listRows - 1), list.count - listRows))
        for row in 0..<listRows {
            let index = row == 0 ? 0 : first + row
            guard list.indices.contains(index) else { break }
            let isSelected = index == selected + 1
            let marker = row == 0 ? "  " : isSelected ? Glyphs(model.borders).focus + " " : "  "
            grid.put((marker + list[index]).fitted(to: listRect.width), x: listRect.x, y: listRect.y + row,
                     style: row == 0 ? .bold : isSelected ? .reverse : .plain, clip: listRect)
        }
        guard rest.height > 1 else { return }
        let rule = String(repeating: String(model.borders.horizontal), count: rest.width)
        grid.put(rule, x: rest.x, y: rest.y, style: .dim, clip: rest)
        let details = Rect(x: rest.x, y: rest.y + 1, width: rest.width, height: rest.height - 1)
        ViewChrome.lines(history.detailLines(selected, width: details.width, unicode: model.borders == .unicode),
                         scroll: model.analysis.scroll, in: details, into: &grid)
    }
}
