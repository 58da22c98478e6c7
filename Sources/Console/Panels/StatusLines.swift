/// The header (what the console works on, and the time its figures are for) and the footer (the last
/// status, else the keys that matter now).
enum StatusLines {
    static func header(_ model: ConsoleModel, in rect: Rect, into grid: inout Grid) {
        let time = PanelText.clock(model.now) + " UTC"
        let room = rect.width - CellWidth.of(time) - 3
        grid.fill(rect, style: .reverse)
        let identity = model.snapshot.cluster?.identity.map { " — " + $0 } ?? ""
        grid.put(" " + ("sparkify — " + model.target + identity).fitted(to: max(0, room)), x: rect.x, y: rect.y,
                 style: Style(bold: true, reverse: true), clip: rect)
        if room > 10 { grid.put(time + " ", x: rect.maxX - CellWidth.of(time) - 1, y: rect.y, style: .reverse, clip: rect) }
    }

    static func footer(_ model: ConsoleModel, in rect: Rect, into grid: inout Grid) {
        grid.fill(rect)
        if let status = model.status, !status.isEmpty {
            grid.put(" " + status.fitted(to: rect.width - 1), x: rect.x, y: rect.y, style: Style(color: .yellow, bold: true), clip: rect)
        } else {
            grid.put(" " + hints(model).fitted(to: rect.width - 1), x: rect.x, y: rect.y, style: .dim, clip: rect)
        }
    }

    /// The keys that do something in the console's present state, from the binding table.
    static func hints(_ model: ConsoleModel) -> String {
        model.keys.hints(model, glyphs: Glyphs(model.borders))
    }
}
