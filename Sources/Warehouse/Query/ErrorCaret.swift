/// The line of a statement that an error position falls on, and a caret under the character (psql's
/// `LINE 1: SELEC 1` / `        ^`). Pure.
public enum ErrorCaret {
    /// Two lines: `LINE n: text` and the caret, or nil when `position` (characters from 1, as the server
    /// counts them) lies outside `sql`. Tabs count as one column each, as they are shown as one space.
    public static func lines(sql: String, position: Int) -> [String]? {
        let characters = Array(sql)
        guard position >= 1, position <= characters.count + 1 else { return nil }
        let index = position - 1
        var lineStart = 0, lineNumber = 1
        for (offset, character) in characters[..<min(index, characters.count)].enumerated() where character.isNewline {
            lineStart = offset + 1
            lineNumber += 1
        }
        var lineEnd = lineStart
        while lineEnd < characters.count && !characters[lineEnd].isNewline { lineEnd += 1 }
        let text = String(characters[lineStart..<lineEnd]).map { $0 == "\t" ? " " : String($0) }.joined()
        let prefix = "LINE \(lineNumber): "
        return [prefix + text, String(repeating: " ", count: prefix.count + index - lineStart) + "^"]
    }
}
