/// The few colours the console uses; each has a meaning (see ``Theme``), so `NO_COLOR` can drop them all.
public enum Color: Int, Sendable, Hashable, CaseIterable {
    case normal = 0, red, green, yellow, blue, magenta, cyan
}

/// How a cell is drawn.
public struct Style: Sendable, Hashable {
    public var color: Color
    public var bold: Bool
    public var reverse: Bool
    public var dim: Bool

    public init(color: Color = .normal, bold: Bool = false, reverse: Bool = false, dim: Bool = false) {
        self.color = color
        self.bold = bold
        self.reverse = reverse
        self.dim = dim
    }

    public static let plain = Style()
    public static let bold = Style(bold: true)
    public static let reverse = Style(reverse: true)
    public static let dim = Style(dim: true)
}
