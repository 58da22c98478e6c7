import Foundation
import Runbook

/// The SQL view (`s`): the catalog (tables, row counts, columns with types) beside a prompt, the last
/// statement's status (elapsed time and rows, or its SQLSTATE with a caret) and the result grid —
/// column widths from the data, numbers right-aligned, NULL shown as ∅ apart from an empty string,
/// scrolled with PgUp/PgDn and ←/→. Pure.
enum SQLView {
    static let catalogWidth = 26
    static let widestColumn = 30

    static func render(_ model: ConsoleModel, size: Size, into grid: inout Grid) {
        let body = ViewChrome.draw(model, title: model.sql.write ? "SQL (WRITES COMMIT)" : "SQL (read-only)", size: size, into: &grid)
        let (catalog, main) = body.splitLeft(min(catalogWidth, body.width / 3))
        catalogLines(model).prefix(catalog.height).enumerated().forEach { row, line in
            grid.put(line.text.fitted(to: catalog.width - 1), x: catalog.x, y: catalog.y + row, style: line.style, clip: catalog)
        }
        for y in catalog.y..<catalog.maxY { grid.put(String(model.borders.vertical), x: catalog.maxX - 1, y: y, style: .dim) }
        let area = Rect(x: main.x + 1, y: main.y, width: main.width - 1, height: main.height)
        let unicode = model.borders == .unicode
        let prompt = promptLines(model.sql, cursor: unicode ? "▏" : "_")
        let promptRows = min(prompt.count, max(1, area.height / 3))
        for (row, line) in prompt.suffix(promptRows).enumerated() {
            grid.put(line.fitted(to: area.width), x: area.x, y: area.y + row, style: row == 0 && prompt.count <= promptRows ? .bold : .plain, clip: area)
        }
        var y = area.y + promptRows
        guard y < area.maxY else { return }
        grid.put(String(repeating: String(model.borders.horizontal), count: area.width), x: area.x, y: y, style: .dim, clip: area)
        y += 1
        for line in statusLines(model.sql) where y < area.maxY {
            grid.put(line.text.fitted(to: area.width), x: area.x, y: y, style: line.style, clip: area)
            y += 1
        }
        guard case .answered(let result)? = model.sql.outcome, result.hasRows, y < area.maxY else { return }
        gridLines(result, from: model.sql.firstRow, column: model.sql.firstColumn, width: area.width, height: area.maxY - y,
                  null: unicode ? QueryGrid.nullMark : "<null>")
            .enumerated().forEach { row, line in
                grid.put(line, x: area.x, y: y + row, style: row == 0 ? .bold : .plain, clip: area)
            }
    }

    /// `sql> ` before the first line, `...> ` before the others (psql's continuation), a cursor at the end.
    static func promptLines(_ prompt: SQLPrompt, cursor: String) -> [String] {
        let lines = (prompt.text + cursor).split(separator: "\n", omittingEmptySubsequences: false)
        return lines.enumerated().map { index, line in (index == 0 ? "sql> " : "...> ") + line }
    }

    static func statusLines(_ prompt: SQLPrompt) -> [(text: String, style: Style)] {
        if let running = prompt.running {
            return [("running: \(DatabaseErrorText.firstLine(running)) — Esc cancels", Style(color: .yellow, bold: true))]
        }
        var lines: [(text: String, style: Style)] = []
        switch prompt.outcome {
        case nil:
            lines.append(("type a statement; it runs when it ends with ;  (↑ ↓ earlier ones, Ctrl-E exports the result)", .dim))
        case .answered(let result)?:
            let time = String(format: "%.1f ms", result.seconds * 1000)
            if result.hasRows {
                let rows = result.rows.count == 1 ? "1 row" : "\(PanelText.grouped(result.rows.count)) rows"
                lines.append(("\(rows) in \(time)" + (result.more ? " — more rows were not fetched" : ""), Style(color: .green)))
            } else {
                lines.append(("\(result.command ?? "done") in \(time)", Style(color: .green)))
            }
        case .failed(let message, let caret)?:
            lines.append((message, Style(color: .red, bold: true)))
            lines += caret.map { ($0, Style(color: .red)) }
        case .refusedWrite(let message)?:
            lines.append((message, Style(color: .red, bold: true)))
            lines.append(("the prompt is read-only: Ctrl-W allows writes (after a y)", .dim))
        case .cancelled?:
            lines.append(("cancelled", Style(color: .yellow, bold: true)))
        }
        if let notice = prompt.notice { lines.append((notice, .dim)) }
        return lines
    }

    /// The header and the rows from `firstRow`, columns from `column`, each as wide as its widest value
    /// (at most ``widestColumn``), two spaces apart; NULL as `null` (∅, or `<null>` in ASCII).
    static func gridLines(_ result: QueryGrid, from firstRow: Int, column: Int, width: Int, height: Int,
                          null: String = QueryGrid.nullMark) -> [String] {
        let columns = Array(result.columnNames.indices.dropFirst(column))
        let cells = result.rows.map { row in row.map { $0.map(oneLine) ?? null } }
        let widths = columns.map { index in
            min(widestColumn, max(CellWidth.of(result.columnNames[index]), cells.map { CellWidth.of($0[index]) }.max() ?? 0))
        }
        func line(_ values: [String], alignRight: Bool) -> String {
            zip(columns, zip(values, widths)).map { index, pair in
                let (value, width) = pair
                let text = value.fitted(to: width)
                let pad = String(repeating: " ", count: max(0, width - CellWidth.of(text)))
                return alignRight && result.numeric[index] ? pad + text : text + pad
            }.joined(separator: "  ")
        }
        let header = line(columns.map { result.columnNames[$0] }, alignRight: false)
        let body = cells.dropFirst(firstRow).prefix(max(0, height - 1)).map { row in line(columns.map { row[$0] }, alignRight: true) }
        return ([header] + body).map { $0.fitted(to: width) }
    }

    static func oneLine(_ text: String) -> String {
        String(text.map { $0.isNewline ? "↵" : $0 == "\t" ? " " : $0 })
    }

    /// Each table of the live database with its row count, then its columns and types; while it is
    /// read, or why it cannot be.
    static func catalogLines(_ model: ConsoleModel) -> [(text: String, style: Style)] {
        switch model.analysis.catalog {
        case .notLoaded, .loading: return [("reading the catalog…", .dim)]
        case .failed(let reason): return TextWrap.lines(reason, width: catalogWidth - 1).map { ($0, Style(color: .red)) }
        case .loaded(let catalog) where catalog.tables.isEmpty: return [("no tables yet:", .dim), ("c creates them", .dim)]
        case .loaded(let catalog):
            return catalog.tables.flatMap { table -> [(text: String, style: Style)] in
                [(table.name + (table.rows.map { " (\(PanelText.grouped($0)))" } ?? ""), Style.bold)]
                    + table.columns.map { ("  \($0.name) \($0.type)", Style.dim) }
            }
        }
    }
}

/// The first line of a statement, for the status line.
enum DatabaseErrorText {
    static func firstLine(_ sql: String) -> String {
        String(sql.split(whereSeparator: \.isNewline).first ?? "")
    }
}
