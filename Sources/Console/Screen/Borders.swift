/// The characters a frame is drawn with: Unicode box drawing, or ASCII where the terminal cannot show
/// it (a non-UTF-8 locale, or `SPARKIFY_ASCII=1`).
public struct BorderSet: Sendable, Hashable {
    public var horizontal, vertical, topLeft, topRight, bottomLeft, bottomRight: Character
    public var barFull, barEmpty: Character

    public static let unicode = BorderSet(horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐",
                                          bottomLeft: "└", bottomRight: "┘", barFull: "█", barEmpty: "░")
    public static let ascii = BorderSet(horizontal: "-", vertical: "|", topLeft: "+", topRight: "+",
                                        bottomLeft: "+", bottomRight: "+", barFull: "#", barEmpty: ".")
}

extension Grid {
    /// A frame around `rect` with a title in its top edge (` Title `), as every panel has.
    public mutating func frame(_ rect: Rect, title: String, borders: BorderSet, style: Style = .plain,
                               titleStyle: Style = .bold) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        let h = String(repeating: String(borders.horizontal), count: rect.width - 2)
        put(String(borders.topLeft) + h + String(borders.topRight), x: rect.x, y: rect.y, style: style)
        put(String(borders.bottomLeft) + h + String(borders.bottomRight), x: rect.x, y: rect.maxY - 1, style: style)
        for y in (rect.y + 1)..<(rect.maxY - 1) {
            put(String(borders.vertical), x: rect.x, y: y, style: style)
            put(String(borders.vertical), x: rect.maxX - 1, y: y, style: style)
        }
        if !title.isEmpty, rect.width > 4 {
            put(" " + title.fitted(to: rect.width - 4) + " ", x: rect.x + 1, y: rect.y, style: titleStyle,
                clip: Rect(x: rect.x + 1, y: rect.y, width: rect.width - 2, height: 1))
        }
    }

    /// A progress bar of `fraction` (0…1) exactly `width` cells wide.
    public mutating func bar(_ fraction: Double, x: Int, y: Int, width: Int, borders: BorderSet, style: Style = .plain) {
        guard width > 0 else { return }
        let full = Int((min(1, max(0, fraction)) * Double(width)).rounded(.down))
        put(String(repeating: String(borders.barFull), count: full)
            + String(repeating: String(borders.barEmpty), count: width - full), x: x, y: y, style: style)
    }
}
