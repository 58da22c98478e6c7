/// How many terminal columns a character takes: 0 for combining marks and controls, 2 for East Asian
/// wide and most emoji, 1 otherwise. A small table, enough for titles and artist names; ncurses' own
/// `wcwidth` agrees on these ranges under a UTF-8 locale.
enum CellWidth {
    static func of(_ character: Character) -> Int {
        guard let scalar = character.unicodeScalars.first else { return 0 }
        let v = scalar.value
        if v < 0x20 || (0x7F..<0xA0).contains(v) { return 0 }
        if character.unicodeScalars.count == 1, scalar.properties.generalCategory == .nonspacingMark
            || scalar.properties.generalCategory == .enclosingMark { return 0 }
        if (0x1100...0x115F).contains(v) || (0x2E80...0x303E).contains(v) || (0x3041...0x33FF).contains(v)
            || (0x3400...0x4DBF).contains(v) || (0x4E00...0x9FFF).contains(v) || (0xA000...0xA4CF).contains(v)
            || (0xAC00...0xD7A3).contains(v) || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v)
            || (0xFF00...0xFF60).contains(v) || (0xFFE0...0xFFE6).contains(v) || (0x1F300...0x1F64F).contains(v)
            || (0x1F900...0x1F9FF).contains(v) || (0x20000...0x3FFFD).contains(v) {
            return 2
        }
        return 1
    }

    static func of(_ text: some StringProtocol) -> Int { text.reduce(0) { $0 + of($1) } }
}

extension String {
    /// The longest prefix that fits in `columns`, with `…` when something was cut.
    func fitted(to columns: Int) -> String {
        guard columns > 0 else { return "" }
        if CellWidth.of(self) <= columns { return self }
        var out = ""
        var used = 0
        for c in self {
            let w = CellWidth.of(c)
            if used + w > columns - 1 { break }
            out.append(c)
            used += w
        }
        return out + "…"
    }

    /// Padded with spaces (or cut) to exactly `columns`.
    func padded(to columns: Int) -> String {
        let cut = fitted(to: columns)
        return cut + String(repeating: " ", count: max(0, columns - CellWidth.of(cut)))
    }

    /// Right-aligned in exactly `columns`.
    func leftPadded(to columns: Int) -> String {
        let cut = fitted(to: columns)
        return String(repeating: " ", count: max(0, columns - CellWidth.of(cut))) + cut
    }
}
