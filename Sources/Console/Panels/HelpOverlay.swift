/// `?`: every key the console knows, in a box over the panels (any key closes it).
public enum HelpOverlay {
    public static func render(_ model: ConsoleModel, into grid: inout Grid) {
        let g = Glyphs(model.borders)
        let keys: [(String, String)] = [
            ("1 2 3 4", "IAM role, cluster, open port, connect"),
            ("c e r", "create tables, run ETL, row counts"),
            ("5", "clean up (asks for the cluster id)"),
            ("Tab  Shift-Tab", "next / previous panel"),
            ("\(g.left) \(g.right) \(g.up) \(g.down)", "move focus between panels"),
            ("l", "focus the log"),
            ("\(g.up) \(g.down) PgUp PgDn", "scroll the log (when focused)"),
            ("Home  End", "oldest log line / follow the newest"),
            ("?", "this help"),
            ("Esc  Ctrl-C", "cancel the running stage, close a dialog"),
            ("q", "quit (asks first if work runs or a cluster is up)"),
        ]
        let keyWidth = keys.map { CellWidth.of($0.0) }.max() ?? 0
        var lines = keys.map { OverlayBox.Line($0.0.padded(to: keyWidth) + "  " + $0.1) }
        lines.append(OverlayBox.Line(""))
        lines.append(OverlayBox.Line("any key closes this help", style: .dim))
        OverlayBox.draw(title: "Keys", lines: lines, borders: model.borders, into: &grid)
    }
}
