/// Makes song titles and artist names from `Vocabulary`, with the quirks of real catalogues: suffixes like
/// "(Album Version)", apostrophes, collaborations joined by "&", "Featuring" or "/", non-ASCII letters in
/// about one name in twenty, and rarely a U+0019 control character where an apostrophe belongs.
enum NameMaker {
    static func title(random: inout SplitMix64) -> String {
        let foreign = random.chance(0.025)
        let count = [1, 1, 2, 2, 2, 3, 3, 3, 4, 5][random.below(10)]
        var title = ""
        title.reserveCapacity(48)
        for position in 0..<count {
            if position > 0 { title += " " }
            let useForeign = foreign && (position == 0 || random.chance(0.5))
            title += useForeign ? random.pick(Vocabulary.foreignWords) : random.pick(Vocabulary.words)
        }
        let roll = random.unit()
        if roll < 0.003 {
            title = "Don\u{19}t " + title
        } else if roll < 0.09 {
            title = random.pick(["Don't ", "I'm ", "Can't ", "Rock 'n' Roll ", "It's "]) + title
        } else if roll < 0.095 {
            title += " / " + random.pick(Vocabulary.words)
        }
        if random.chance(0.16) {
            title += random.pick(Vocabulary.titleSuffixes)
        }
        return title
    }

    static func artistName(random: inout SplitMix64) -> String {
        let roll = random.unit()
        let name: String
        switch roll {
        case ..<0.32:
            name = firstName(random: &random) + " " + random.pick(Vocabulary.lastNames)
        case ..<0.42:
            name = "The " + random.pick(Vocabulary.words) + " " + random.pick(Vocabulary.bandNouns)
        case ..<0.62:
            name = random.pick(Vocabulary.words) + random.pick(Vocabulary.words).lowercased()
        case ..<0.84:
            name = random.pick(Vocabulary.words) + " " + random.pick(Vocabulary.bandNouns)
        case ..<0.86:
            name = random.pick(Vocabulary.foreignWords) + " " + random.pick(Vocabulary.words)
        case ..<0.94:
            name = firstName(random: &random) + " " + random.pick(Vocabulary.lastNames) + " & "
                + random.pick(["The ", ""]) + random.pick(Vocabulary.words) + " " + random.pick(Vocabulary.bandNouns)
        case ..<0.97:
            name = firstName(random: &random) + " " + random.pick(Vocabulary.lastNames)
                + random.pick([" Featuring ", " feat. "]) + firstName(random: &random) + " "
                + random.pick(Vocabulary.lastNames)
        default:
            name = firstName(random: &random) + " " + random.pick(Vocabulary.lastNames) + " / "
                + random.pick(Vocabulary.words) + " " + random.pick(Vocabulary.bandNouns)
        }
        return name
    }

    private static func firstName(random: inout SplitMix64) -> String {
        random.chance(0.03) ? random.pick(Vocabulary.accentedFirstNames) : random.pick(Vocabulary.artistFirstNames)
    }

    /// A duration in 10^-5 s: mostly three to five minutes, with a long tail both ways.
    static func duration(random: inout SplitMix64) -> Int {
        let seconds = random.chance(0.94)
            ? random.logNormal(median: 228, sigma: 0.3)
            : random.logNormal(median: 228, sigma: 0.9)
        let clamped = min(max(seconds, 10.5), 3000)
        return Int(clamped * 100_000)
    }
}
