import Runbook

/// The operator's steps, one line each: "1 IAM role      done     arn:aws:iam::…". Hotkey first, since
/// that is what the operator presses; the state coloured so a glance finds what failed or runs; what to
/// do next ("next: c — create tables") in the bottom edge.
public enum RunbookPanel {
    public static func render(_ model: ConsoleModel, in rect: Rect, into grid: inout Grid) {
        let inner = PanelFrame.draw(.runbook, model: model, in: rect, into: &grid)
        let titleWidth = RunbookStep.runbook.map { CellWidth.of($0.title) }.max() ?? 0
        // Pause and resume show in the cluster panel, not as runbook lines.
        let lines = model.snapshot.steps.filter { !$0.step.isClusterAction }
        for (row, line) in lines.prefix(inner.height).enumerated() {
            let y = inner.y + row
            var x = grid.put(String(line.step.hotkey).uppercased() + " ", x: inner.x, y: y, style: .bold, clip: inner)
            x = grid.put(line.step.title.padded(to: titleWidth) + " ", x: x, y: y, clip: inner)
            x = grid.put(line.state.name.padded(to: 7) + " ", x: x, y: y, style: style(of: line.state), clip: inner)
            if let detail = line.state.detail {
                grid.put(detail.fitted(to: inner.maxX - x), x: x, y: y, style: detailStyle(of: line.state), clip: inner)
            }
        }
        // What to press next, in the bottom edge.
        if let hint = model.snapshot.nextHint {
            PanelFrame.footnote(hint, in: rect, into: &grid, style: Style(color: .cyan, bold: true))
        }
    }

    static func style(of state: StepState) -> Style {
        switch state {
        case .pending: return .plain
        case .running: return Style(color: .yellow, bold: true)
        case .done: return Style(color: .green)
        case .failed: return Style(color: .red, bold: true)
        case .blocked: return .dim
        }
    }

    private static func detailStyle(of state: StepState) -> Style {
        switch state {
        case .failed: return Style(color: .red)
        case .blocked: return .dim
        default: return .plain
        }
    }
}
