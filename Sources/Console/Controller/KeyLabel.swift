/// How the help and the footer write keys: "Tab", "PgUp", "↑" (or "Up" on an ASCII terminal).
enum KeyLabel {
    static func of(_ key: Key, glyphs: Glyphs) -> String {
        switch key {
        case .character(" "): return "Space"
        // Control characters (Ctrl-A … Ctrl-Z arrive as 1 … 26) are named as such.
        case .character(let character) where (character.asciiValue ?? 0x20) < 0x20:
            return "Ctrl-" + String(Character(Unicode.Scalar(character.asciiValue! + 0x40)))
        case .character(let character): return String(character)
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .tab: return "Tab"
        case .backTab: return "Shift-Tab"
        case .backspace: return "Backspace"
        case .up: return glyphs.up
        case .down: return glyphs.down
        case .left: return glyphs.left
        case .right: return glyphs.right
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .home: return "Home"
        case .end: return "End"
        case .interrupt: return "Ctrl-C"
        case .function(let number): return "F\(number)"
        case .resize, .hangup: return ""
        }
    }

    /// The keys of one row, space-separated; "any character" needs no label. `compact`: a run of three
    /// or more digits in a row is written as a range ("1-5"), as the narrow footer wants.
    static func keys(_ matches: [KeyMatch], glyphs: Glyphs, compact: Bool = false) -> String {
        var labels: [String] = []
        for match in matches {
            let label: String
            switch match {
            case .key(let key): label = of(key, glyphs: glyphs)
            case .anyCharacter: label = ""
            case .anyKey: label = "any key"
            }
            if !label.isEmpty, !labels.contains(label) { labels.append(label) }
        }
        return (compact ? ranges(labels) : labels).joined(separator: " ")
    }

    /// "1 2 3 4 5 c" → "1-5 c".
    static func ranges(_ labels: [String]) -> [String] {
        var out: [String] = []
        var run: [Int] = []
        func flush() {
            if run.count >= 3 { out.append("\(run.first!)-\(run.last!)") } else { out += run.map(String.init) }
            run = []
        }
        for label in labels {
            if label.count == 1, let digit = Int(label), run.last.map({ $0 + 1 == digit }) ?? true {
                run.append(digit)
            } else {
                flush()
                if label.count == 1, let digit = Int(label) { run = [digit] } else { out.append(label) }
            }
        }
        flush()
        return out
    }

    /// "q quit"; just "type the answer" when there is no key to write.
    static func joined(_ keys: String, _ text: String) -> String { keys.isEmpty ? text : keys + " " + text }
}
