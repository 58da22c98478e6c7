import Runbook

/// What every view beside the runbook shares: the header, one line with the running ETL's progress
/// (it keeps running and reporting while a view is open), a framed body, and the footer.
enum ViewChrome {
    /// Draws the chrome of a view titled `title` and returns the area inside its frame.
    static func draw(_ model: ConsoleModel, title: String, size: Size, into grid: inout Grid) -> Rect {
        let screen = Rect(size)
        let (header, rest) = screen.splitTop(1)
        let (progress, belowProgress) = rest.splitTop(1)
        let (body, footer) = belowProgress.splitTop(belowProgress.height - 1)
        StatusLines.header(model, in: header, into: &grid)
        grid.fill(progress)
        grid.put(" " + progressLine(model).fitted(to: progress.width - 1), x: progress.x, y: progress.y, style: .dim, clip: progress)
        grid.fill(body)
        grid.frame(body, title: Glyphs(model.borders).focus + " " + title, borders: model.borders,
                   style: Style(color: .cyan, bold: true), titleStyle: Style(color: .cyan, bold: true))
        StatusLines.footer(model, in: footer, into: &grid)
        return body.inner
    }

    /// "ETL  staging_songs  [###-------]  120/300 objects …", or what the ETL step last did.
    static func progressLine(_ model: ConsoleModel) -> String {
        if let running = model.snapshot.stages.first(where: { $0.outcome == .running }), let report = running.report {
            return "ETL running: " + report.progressLine(barWidth: 10)
        }
        let etl = model.snapshot.steps.first { $0.step == .etl }
        if let etl, etl.state.isRunning { return "ETL running" }
        return "ETL " + (etl.map { $0.state.name + ($0.state.detail.map { ": " + $0 } ?? "") } ?? "pending")
    }

    /// Body lines from `scroll`, clipped to `rect`; a marker in the frame when more lie below.
    static func lines(_ lines: [String], scroll: Int, in rect: Rect, into grid: inout Grid, style: (String) -> Style = { _ in .plain }) {
        for (row, line) in lines.dropFirst(scroll).prefix(rect.height).enumerated() {
            grid.put(line.fitted(to: rect.width), x: rect.x, y: rect.y + row, style: style(line), clip: rect)
        }
    }
}
