/// The few symbols the panels draw besides borders. The border set is the console's one signal of what
/// the terminal can show, so an ASCII frame gets ASCII marks too.
struct Glyphs: Sendable {
    var focus: String
    var succeeded: String
    var failed: String
    var cursor: String
    var up: String
    var down: String
    var left: String
    var right: String
    var dot: String

    init(_ borders: BorderSet) {
        if borders == .ascii {
            (focus, succeeded, failed, cursor) = (">", "ok", "x", "_")
            (up, down, left, right, dot) = ("Up", "Down", "Left", "Right", "-")
        } else {
            (focus, succeeded, failed, cursor) = ("▸", "✓", "✗", "█")
            (up, down, left, right, dot) = ("↑", "↓", "←", "→", "·")
        }
    }
}
