/// The team's `dwh.cfg` as teams write it: `[SECTION]` headers, `KEY=value` or `KEY: value` lines,
/// `#` / `;` comments, values optionally wrapped in single or double quotes, keys and sections
/// case-insensitive. Parsing is pure; errors name the file and line.
public struct INIFile: Sendable, Equatable {
    /// Section name (upper-cased) → key (upper-cased) → value (quotes removed).
    public private(set) var sections: [String: [String: String]]
    /// Where each key was read, for messages: "SECTION.KEY" → line number.
    public private(set) var lines: [String: Int]
    public let source: String

    public init(sections: [String: [String: String]] = [:], source: String = "<memory>") {
        self.sections = [:]
        self.lines = [:]
        self.source = source
        for (section, pairs) in sections {
            for (key, value) in pairs { self[section, key] = value }
        }
    }

    public init(parsing text: String, source: String) throws(ConfigError) {
        self.init(source: source)
        var section: String?
        var number = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            let line = rawLine.trimmingWhitespace()
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("[") {
                guard line.hasSuffix("]"), line.count > 2 else {
                    throw .malformed(source: source, line: number,
                                     reason: "section header '\(line)' must look like [NAME]")
                }
                section = String(line.dropFirst().dropLast()).trimmingWhitespace().uppercased()
                sections[section!, default: [:]] = sections[section!] ?? [:]
                continue
            }
            guard let separator = line.firstIndex(where: { $0 == "=" || $0 == ":" }) else {
                throw .malformed(source: source, line: number,
                                 reason: "expected KEY=value, found '\(Self.preview(line))'")
            }
            let key = String(line[..<separator]).trimmingWhitespace()
            guard !key.isEmpty else {
                throw .malformed(source: source, line: number, reason: "a value without a key")
            }
            guard let current = section else {
                throw .malformed(source: source, line: number,
                                 reason: "key '\(key)' comes before any [SECTION] header")
            }
            let raw = String(line[line.index(after: separator)...]).trimmingWhitespace()
            if let quote = Self.unclosedQuote(raw) {
                // Taken literally, `DB_NAME='dwh` would name a database "'dwh"; the value is not echoed (it may be a secret).
                throw .malformed(source: source, line: number,
                                 reason: "the value of \(key) opens a \(quote) quote that is not closed on this line")
            }
            self[current, key] = Self.unquote(raw)
            lines["\(current).\(key.uppercased())"] = number
        }
    }

    public subscript(section: String, key: String) -> String? {
        get { sections[section.uppercased()]?[key.uppercased()] }
        set { sections[section.uppercased(), default: [:]][key.uppercased()] = newValue }
    }

    /// "dwh.cfg line 7 ([CLUSTER] DB_PORT)" — where a value came from, for messages.
    public func location(_ section: String, _ key: String) -> String {
        let name = "[\(section.uppercased())] \(key.uppercased())"
        if let line = lines["\(section.uppercased()).\(key.uppercased())"] {
            return "\(source) line \(line) (\(name))"
        }
        return "\(source) \(name)"
    }

    static func unquote(_ value: String) -> String {
        for quote in ["'", "\""] where value.count >= 2 && value.hasPrefix(quote) && value.hasSuffix(quote) {
            return String(value.dropFirst().dropLast())
        }
        return value
    }

    /// The quote character a value starts with but does not end with, else nil.
    static func unclosedQuote(_ value: String) -> Character? {
        guard let first = value.first, first == "'" || first == "\"" else { return nil }
        return value.count >= 2 && value.last == first ? nil : first
    }

    /// A long line (say, a pasted secret) is not echoed whole in an error message.
    static func preview(_ line: String) -> String {
        line.count > 24 ? String(line.prefix(12)) + "…" : line
    }
}

extension StringProtocol {
    func trimmingWhitespace() -> String {
        var s = Substring(self)
        while let c = s.first, c.isWhitespace { s.removeFirst() }
        while let c = s.last, c.isWhitespace { s.removeLast() }
        return String(s)
    }
}
