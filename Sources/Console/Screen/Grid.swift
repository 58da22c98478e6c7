/// One character cell. A wide character fills its cell and marks the next one as its continuation.
public struct Cell: Sendable, Hashable {
    public var character: Character
    public var style: Style
    /// The right half of a wide character: drawn by its left half, skipped when printing.
    public var isContinuation: Bool

    public static let blank = Cell(character: " ", style: .plain, isContinuation: false)
}

/// The in-memory picture of the screen (ratatui's Buffer): panels draw into it, a ``Screen`` shows it.
/// Drawing is clipped to the grid and to the region a caller passes, so a panel can never paint
/// outside its area however small the terminal is.
public struct Grid: Sendable, Hashable {
    public let size: Size
    public private(set) var cells: [Cell]

    public init(_ size: Size) {
        self.size = size
        cells = Array(repeating: .blank, count: size.width * size.height)
    }

    public var area: Rect { Rect(size) }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * size.width + x] }
        set { cells[y * size.width + x] = newValue }
    }

    /// Writes `text` from (x, y), never past `clip`'s right edge (default: the grid). Returns the column
    /// after the last character written.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: Style = .plain, clip: Rect? = nil) -> Int {
        let bounds = clip ?? area
        guard y >= max(0, bounds.y), y < min(size.height, bounds.maxY) else { return x }
        let right = min(size.width, bounds.maxX)
        var column = x
        for character in text {
            let width = CellWidth.of(character)
            if width == 0 { continue }
            if column + width > right { break }
            if column >= max(0, bounds.x) {
                self[column, y] = Cell(character: character, style: style, isContinuation: false)
                if width == 2 { self[column + 1, y] = Cell(character: " ", style: style, isContinuation: true) }
            }
            column += width
        }
        return column
    }

    /// Fills a rectangle with one character.
    public mutating func fill(_ rect: Rect, with character: Character = " ", style: Style = .plain) {
        for y in max(0, rect.y)..<min(size.height, rect.maxY) {
            for x in max(0, rect.x)..<min(size.width, rect.maxX) {
                self[x, y] = Cell(character: character, style: style, isContinuation: false)
            }
        }
    }

    /// The screen as text, one string per row, trailing spaces kept: what tests compare.
    public var lines: [String] {
        (0..<size.height).map { y in
            var line = ""
            for x in 0..<size.width where !self[x, y].isContinuation { line.append(self[x, y].character) }
            return line
        }
    }

    /// The screen as text with trailing spaces removed, joined by newlines: for snapshot files.
    public var text: String {
        lines.map { line in
            var s = Substring(line)
            while s.last == " " { s.removeLast() }
            return String(s)
        }.joined(separator: "\n")
    }
}
