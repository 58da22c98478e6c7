// TEMPORARY until the panels branch lands.
public enum ConsoleRenderer {
    public static func render(_ model: ConsoleModel, size: Size) -> Grid {
        var grid = Grid(size)
        var y = 0
        for line in model.snapshot.steps {
            grid.put("\(line.step.label) \(line.state.name) \(line.state.detail ?? "")", x: 0, y: y)
            y += 1
        }
        if let dialog = model.dialog { grid.put("\(dialog)", x: 0, y: y) }
        grid.put("status: \(model.status ?? "")", x: 0, y: y + 1)
        for (i, e) in model.snapshot.log.entries.suffix(15).enumerated() { grid.put(e.text, x: 0, y: y + 3 + i) }
        return grid
    }
}
