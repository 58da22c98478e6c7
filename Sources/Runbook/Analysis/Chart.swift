/// Pictures drawn with text: horizontal bars and sparklines, in Unicode block elements or, for
/// terminals without them, ASCII. Pure.
public enum Chart {
    /// A bar `value / maximum` of `width` columns, padded with spaces to `width`. Unicode draws eighths
    /// of a cell (▏▎▍▌▋▊▉█); ASCII whole cells of `#`. A non-zero value always shows at least a sliver.
    public static func bar(_ value: Int, of maximum: Int, width: Int, unicode: Bool) -> String {
        guard width > 0 else { return "" }
        guard maximum > 0, value > 0 else { return String(repeating: " ", count: width) }
        let steps = unicode ? 8 : 1
        var filled = (min(value, maximum) * width * steps + maximum / 2) / maximum
        filled = max(filled, 1)
        let full = filled / steps, part = filled % steps
        var text = String(repeating: unicode ? "█" : "#", count: full)
        if part > 0 { text += partialBlocks[part - 1] }
        return text + String(repeating: " ", count: width - text.count)
    }

    static let partialBlocks = ["▏", "▎", "▍", "▌", "▋", "▊", "▉"]

    /// One character per value, its height the value's share of the largest: ▁▂▃▄▅▆▇█, or in ASCII
    /// `_.-=+*#`; zero is a space (no plays), so a gap is visible.
    public static func sparkline(_ values: [Int], unicode: Bool) -> String {
        let levels = unicode ? ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"] : ["_", ".", "-", "=", "+", "*", "#"]
        let maximum = values.max() ?? 0
        return values.map { value in
            guard value > 0, maximum > 0 else { return " " }
            let index = (value * levels.count - 1) / maximum
            return levels[min(levels.count - 1, index)]
        }.joined()
    }

    /// 6820 → "6,820".
    public static func grouped(_ number: Int) -> String {
        let digits = String(number.magnitude)
        var out = ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0 && (digits.count - offset) % 3 == 0 { out += "," }
            out.append(digit)
        }
        return (number < 0 ? "-" : "") + out
    }

    /// `part` of `whole` as a whole percentage ("18%"), "<1%" for a non-zero sliver, "–" of nothing.
    public static func percent(_ part: Int, of whole: Int) -> String {
        guard whole > 0 else { return "–" }
        if part > 0 && part * 100 < whole { return "<1%" }
        return "\((part * 100 + whole / 2) / whole)%"
    }
}
