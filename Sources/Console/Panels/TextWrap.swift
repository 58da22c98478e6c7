/// Word wrapping for text that must be read in full: error lines in the log, dialog prompts, the
/// size notice. Breaks at spaces; a word longer than the width is cut into pieces rather than lost.
enum TextWrap {
    static func lines(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        var line = ""
        for word in text.split(whereSeparator: { $0 == " " || $0.isNewline }).map(String.init) {
            for piece in pieces(of: word, width: width) {
                let joined = line.isEmpty ? piece : line + " " + piece
                if CellWidth.of(joined) <= width {
                    line = joined
                } else {
                    lines.append(line)
                    line = piece
                }
            }
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines
    }

    /// Whether `text` wraps at `width` without cutting a word.
    static func fitsWithoutCutting(_ text: String, width: Int) -> Bool {
        text.split(whereSeparator: { $0 == " " || $0.isNewline }).allSatisfy { CellWidth.of($0) <= width }
    }

    private static func pieces(of word: String, width: Int) -> [String] {
        var pieces: [String] = []
        var piece = ""
        for character in word {
            if CellWidth.of(piece) + CellWidth.of(character) > width, !piece.isEmpty {
                pieces.append(piece)
                piece = ""
            }
            piece.append(character)
        }
        if !piece.isEmpty { pieces.append(piece) }
        return pieces
    }
}
