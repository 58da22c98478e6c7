import Runbook

/// The Insights view (`i`): the analysts' questions answered as bars and sparklines, labelled values,
/// scrollable. Pure: drawn from the model alone.
enum InsightsView {
    static func render(_ model: ConsoleModel, size: Size, into grid: inout Grid) {
        let body = ViewChrome.draw(model, title: title(model), size: size, into: &grid)
        let shown = lines(model, width: body.width)
        // Scrolled past the end, the last page stays in view.
        let scroll = min(model.analysis.scroll, max(0, shown.count - body.height))
        ViewChrome.lines(shown, scroll: scroll, in: body, into: &grid) { line in
            sectionTitles.contains(line) ? .bold : .plain
        }
    }

    static func title(_ model: ConsoleModel) -> String {
        var title = "Insights"
        if let picture = model.analysis.insights.value { title += " at " + PanelText.clock(picture.at) + " UTC" }
        if model.analysis.refreshing.contains(.insights), model.analysis.insights.value != nil { title += " (refreshing…)" }
        return title
    }

    static func lines(_ model: ConsoleModel, width: Int) -> [String] {
        switch model.analysis.insights {
        case .notLoaded, .loading: return ["reading the star schema…"]
        case .failed(let reason): return ["cannot answer yet: " + reason]
        case .loaded(let picture): return picture.lines(width: width, unicode: model.borders == .unicode)
        }
    }

    /// The section headings of ``InsightsReport/lines``, drawn bold.
    static let sectionTitles: Set<String> = [
        "plays by hour of day (UTC)", "plays by weekday", "plays per day of the month", "top users", "top locations",
        "top songs (matched plays)", "top artists (matched plays)",
    ]
}
