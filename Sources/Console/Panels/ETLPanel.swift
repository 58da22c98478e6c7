import Runbook

/// One line per stage of the run: title, bar, then the numbers; an incremental run's staging lines end
/// with "N new of M objects". Columns are as wide as their widest
/// value; when the panel is narrow (80 columns) the least needed columns are left out whole — rate,
/// bytes, elapsed, objects, in that order — rather than every value being cut.
public enum ETLPanel {
    public static func render(_ model: ConsoleModel, in rect: Rect, into grid: inout Grid) {
        let inner = PanelFrame.draw(.etl, model: model, in: rect, into: &grid)
        let glyphs = Glyphs(model.borders)
        let lines = model.snapshot.stages.map { Line($0, glyphs) }
        let fit = fit(lines, width: inner.width)
        let widths = widths(lines, short: fit.short)
        for (row, line) in lines.prefix(inner.height).enumerated() {
            let y = inner.y + row
            var x = inner.x
            for column in fit.columns {
                if x > inner.x { x += 1 }
                if column == .bar {
                    grid.bar(line.fraction, x: x, y: y, width: fit.barWidth, borders: model.borders,
                             style: line.report == nil ? .dim : line.style)
                    x += fit.barWidth
                    continue
                }
                let width = widths[column] ?? 0
                let text = line.text(column, short: fit.short.contains(column))
                grid.put(column.alignsLeft ? text.padded(to: width) : text.leftPadded(to: width), x: x, y: y,
                         style: column == .title || column == .end ? line.style : .plain, clip: inner)
                x += width
            }
        }
        // Room to spare (a tall panel): why a stage failed, which the line itself has no space for.
        let messages = model.snapshot.stages.compactMap { line in
            line.message.map { "\(line.stage.title): \($0)" }
        }
        for (index, message) in messages.enumerated() where lines.count + index < inner.height {
            grid.put(message.fitted(to: inner.width), x: inner.x, y: inner.y + lines.count + index,
                     style: Style(color: .red), clip: inner)
        }
    }

    enum Column: Int, CaseIterable, Comparable {
        case title, bar, objects, rows, bytes, rate, elapsed, end

        var alignsLeft: Bool { self == .title || self == .end }

        /// Which columns stay when space is short, most needed first (the title always stays).
        static let priority: [Column] = [.end, .bar, .rows, .objects, .elapsed, .bytes, .rate]

        static func < (a: Column, b: Column) -> Bool { a.rawValue < b.rawValue }
    }

    static let minimumBar = 8
    static let maximumBar = 60

    /// One stage's texts, per column.
    struct Line {
        var report: StageReport?
        var texts: [Column: String] = [:]
        /// Shorter forms tried when the full one does not fit: the number without its unit.
        var short: [Column: String] = [:]
        var fraction: Double
        var style: Style

        func text(_ column: Column, short useShort: Bool) -> String {
            (useShort ? short[column] : nil) ?? texts[column] ?? ""
        }

        init(_ line: RunbookSnapshot.StageLine, _ glyphs: Glyphs) {
            report = line.report
            texts[.title] = line.stage.title
            let sample = line.report?.sample
            // A finished stage is a full bar whatever its sample measured (listing finds bytes, loads none).
            fraction = line.outcome == .succeeded ? 1 : (sample?.fraction ?? 0)
            style = ETLPanel.style(line)
            guard let report = line.report, let sample else { return }
            if let total = sample.objectsTotal { texts[.objects] = "\(sample.objectsDone)/\(total)" }
            else if sample.objectsDone > 0 {
                texts[.objects] = "\(sample.objectsDone) found"
                short[.objects] = "\(sample.objectsDone)"
            }
            if sample.stage != .listing {
                texts[.rows] = PanelText.grouped(sample.rows) + " rows"
                short[.rows] = PanelText.grouped(sample.rows)
            }
            if sample.bytes > 0 { texts[.bytes] = RunbookEvent.byteText(sample.bytes) }
            let rate = line.outcome == .running ? report.rowsPerSecond
                : sample.elapsed > 0 ? Double(sample.rows) / sample.elapsed : nil
            if let rate, rate >= 0.5 { texts[.rate] = PanelText.grouped(Int(rate.rounded())) + " rows/s" }
            texts[.elapsed] = PanelText.duration(sample.elapsed)
            switch line.outcome {
            case .running?: texts[.end] = report.eta.map { "ETA " + PanelText.duration($0) } ?? "running"
            case .succeeded?: texts[.end] = glyphs.succeeded
            case .failed?, .interrupted?: texts[.end] = glyphs.failed + " \(line.outcome!.rawValue)"
            case .cancelled?: texts[.end] = "cancelled"
            case nil: break
            }
            // An incremental run's staging: how many of the listed objects were new, beside its state.
            if let listed = sample.objectsListed, let new = sample.objectsTotal {
                let count = "\(PanelText.grouped(new)) new of \(PanelText.grouped(listed))"
                let state = texts[.end].map { $0 == glyphs.succeeded ? $0 + " " : $0 + ", " } ?? ""
                texts[.end] = state + count + " objects"
                short[.end] = state + "\(PanelText.grouped(new))/\(PanelText.grouped(listed)) new"
            }
        }
    }

    /// Each column's width in the full or the short form (a line without a short form keeps its full text).
    static func widths(_ lines: [Line], short: Set<Column> = []) -> [Column: Int] {
        var widths: [Column: Int] = [:]
        for line in lines {
            for column in line.texts.keys {
                widths[column] = max(widths[column] ?? 0, CellWidth.of(line.text(column, short: short.contains(column))))
            }
        }
        return widths
    }

    /// What fits: the columns shown (display order), those shown in their short form, and the bar's
    /// width (what the others leave, within bounds).
    struct Fit: Equatable {
        var columns: [Column]
        var short: Set<Column>
        var barWidth: Int
    }

    static func fit(_ lines: [Line], width: Int) -> Fit {
        let full = widths(lines), compact = widths(lines, short: Set(Column.allCases))
        var chosen: Set<Column> = [.title]
        var short: Set<Column> = []
        var used = full[.title] ?? 0
        for column in Column.priority {
            let long = column == .bar ? minimumBar : full[column] ?? 0
            let brief = column == .bar ? minimumBar : compact[column] ?? 0
            guard long > 0 else { continue }
            // The end (a state, or "N new of M objects") leaves room for the bar, in its short form if need be.
            let reserve = column == .end ? 1 + minimumBar : 0
            if used + 1 + long + reserve <= width {
                used += 1 + long
            } else if used + 1 + brief + reserve <= width || (column == .end && used + 1 + brief <= width) {
                used += 1 + brief
                short.insert(column)
            } else { continue }
            chosen.insert(column)
        }
        let bar = chosen.contains(.bar) ? min(maximumBar, minimumBar + width - used) : 0
        return Fit(columns: chosen.sorted(), short: short, barWidth: bar)
    }

    /// A stage line's colour: yellow while it runs, green when it succeeded, red when it failed.
    static func style(_ line: RunbookSnapshot.StageLine) -> Style {
        switch line.outcome {
        case .running?: return Style(color: .yellow, bold: true)
        case .succeeded?: return Style(color: .green)
        case .failed?, .interrupted?: return Style(color: .red, bold: true)
        case .cancelled?: return Style(color: .yellow)
        case nil: return .dim
        }
    }
}
