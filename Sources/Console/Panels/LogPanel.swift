import Runbook

/// Every AWS call and SQL statement of the operator's steps, newest at the bottom (lazygit's command log),
/// and one dim line per look at AWS and the database, whose calls and statements show below it when the
/// detail is on (Enter). Errors are wrapped and shown in full, because the operator needs all of them
/// (error code, request id, SQLSTATE); other lines are one row each. ``ConsoleModel/logScroll`` counts rows back from the newest; 0 follows the tail.
public enum LogPanel {
    public static func render(_ model: ConsoleModel, in rect: Rect, into grid: inout Grid) {
        let inner = PanelFrame.draw(.log, model: model, in: rect, into: &grid)
        let view = LogView(model, width: inner.width, height: inner.height)
        for (row, line) in view.rows.enumerated() {
            grid.put(line.text, x: inner.x, y: inner.y + row, style: line.style, clip: inner)
        }
        let glyphs = Glyphs(model.borders)
        if view.scroll > 0 {
            PanelFrame.footnote("\(glyphs.down) \(view.scroll) below \(glyphs.dot) End follows", in: rect, into: &grid,
                                style: Style(color: .cyan))
        }
        if view.hiddenAbove > 0 {
            // In the top edge, only where the title leaves room for it.
            let text = " \(glyphs.up) \(view.hiddenAbove) above "
            if rect.width > CellWidth.of(text) + CellWidth.of(PanelID.log.title) + 8 {
                grid.put(text, x: rect.maxX - 2 - CellWidth.of(text), y: rect.y, style: .dim)
            }
        }
    }

    /// How far ``ConsoleModel/logScroll`` can go for `model` on a screen of `size` (0 when everything fits,
    /// or below the minimum size): the console loop clamps ↑ and PgUp with it, so ↓ answers at once.
    public static func scrollLimit(_ model: ConsoleModel, size: Size) -> Int {
        guard let layout = ConsoleLayout(size) else { return 0 }
        let inner = layout[.log].inner
        guard inner.width > 0, inner.height > 0 else { return 0 }
        let rows = model.snapshot.log.entries.reduce(0) { $0 + LogView.rows($1, width: inner.width, detail: model.logDetail).count }
        return LogView.scrollLimit(rows: rows, height: inner.height)
    }
}

/// Which log rows a panel of a given size shows: the pure part of ``LogPanel``. Scrolling counts rows,
/// not entries, so an error longer than the panel (80×24 has 3 log rows) can still be read to its end.
struct LogView {
    struct Row: Equatable {
        var text: String
        var style: Style
    }

    var rows: [Row] = []
    /// Rows scrolled past (below the view), after clamping to what there is.
    var scroll = 0
    /// Rows above the view.
    var hiddenAbove = 0

    init(_ model: ConsoleModel, width: Int, height: Int) {
        guard width > 0, height > 0 else { return }
        let entries = model.snapshot.log.entries
        if entries.isEmpty {
            rows = TextWrap.lines("nothing yet: each AWS call and SQL statement shows here", width: width)
                .prefix(height).map { Row(text: $0, style: .dim) }
            return
        }
        let all = entries.flatMap { Self.rows($0, width: width, detail: model.logDetail) }
        scroll = min(max(0, model.logScroll), Self.scrollLimit(rows: all.count, height: height))
        let end = all.count - scroll
        let start = max(0, end - height)
        rows = Array(all[start..<end])
        hiddenAbove = start
    }

    /// The most the log can be scrolled: until its oldest row is at the top.
    static func scrollLimit(rows: Int, height: Int) -> Int { max(0, rows - height) }

    /// The entry's rows; `detail`: with its detail lines below it, indented.
    static func rows(_ entry: LogRing.Entry, width: Int, detail: Bool) -> [Row] {
        let own = rows(entry, width: width)
        guard detail, !entry.detail.isEmpty else { return own }
        return own + entry.detail.map { Row(text: ("  " + $0).fitted(to: width), style: .dim) }
    }

    static func rows(_ entry: LogRing.Entry, width: Int) -> [Row] {
        let style = Self.style(entry.kind)
        let text = String(entry.text.map { $0.isNewline ? " " : $0 })
        guard entry.kind == .error else { return [Row(text: text.fitted(to: width), style: style)] }
        let wrapped = TextWrap.lines(text, width: width)
        // Continuation rows are indented so one error reads as one entry.
        let continuation = width > 4 ? TextWrap.lines(wrapped.dropFirst().joined(separator: " "), width: width - 2) : []
        guard wrapped.count > 1, width > 4 else { return wrapped.map { Row(text: $0, style: style) } }
        return [Row(text: wrapped[0], style: style)] + continuation.map { Row(text: "  " + $0, style: style) }
    }

    static func style(_ kind: LogRing.Entry.Kind) -> Style {
        switch kind {
        case .error: return Style(color: .red)
        case .warning: return Style(color: .yellow)
        case .step: return .bold
        case .stage: return Style(color: .green)
        case .aws, .sql: return .plain
        case .observe: return .dim
        }
    }
}
