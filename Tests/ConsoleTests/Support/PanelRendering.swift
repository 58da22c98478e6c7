@testable import Console

/// A panel rendered alone into a grid of its own size: what the panel tests compare.
func rendered(_ render: (ConsoleModel, Rect, inout Grid) -> Void, _ model: ConsoleModel, width: Int, height: Int) -> [String] {
    var grid = Grid(Size(width: width, height: height))
    render(model, grid.area, &grid)
    return grid.lines
}
