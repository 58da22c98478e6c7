/// What a screen below ``ConsoleLayout/minimum`` shows instead of panels: the size it is and the size it
/// needs, centred. Shorter wordings are tried until one fits without cutting a word, so even 10×3 says
/// something useful; at 1×1 an ellipsis is all that fits.
enum SizeNotice {
    static func render(size: Size, into grid: inout Grid) {
        let need = "\(ConsoleLayout.minimum.width)×\(ConsoleLayout.minimum.height)"
        let wordings = ["terminal is \(size.width)×\(size.height); sparkify needs at least \(need)",
                        "sparkify needs \(need) (now \(size.width)×\(size.height))", "needs \(need)", need]
        let lines = wordings.lazy
            .filter { TextWrap.fitsWithoutCutting($0, width: size.width) }
            .map { TextWrap.lines($0, width: size.width) }
            .first { $0.count <= size.height } ?? [wordings[0].fitted(to: size.width)]
        let top = max(0, (size.height - lines.count) / 2)
        for (row, line) in lines.enumerated() {
            grid.put(line, x: max(0, (size.width - CellWidth.of(line)) / 2), y: top + row, style: .bold)
        }
    }
}
