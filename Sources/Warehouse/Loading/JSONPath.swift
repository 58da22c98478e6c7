/// One JSONPath expression of a Redshift JSONPaths file: an explicit path to a single element, in
/// bracket notation (`$['store']['book'][0]`) or dot notation (`$.store.book[0]`), never mixed.
/// Wildcards, filters and recursive descent are not part of Redshift's dialect and are rejected.
public struct JSONPath: Sendable, Equatable, CustomStringConvertible {
    public enum Component: Sendable, Equatable {
        case member(String)
        case index(Int)
    }

    public enum Notation: Sendable, Equatable {
        case bracket, dot
    }

    public let components: [Component]
    /// nil when the expression names only array elements (`$[0]`), which either notation allows.
    public let notation: Notation?
    public let description: String

    public init(components: [Component], notation: Notation?, text: String) {
        self.components = components
        self.notation = notation
        self.description = text
    }

    /// Parses one expression; the error says what is wrong with it.
    public init(parsing text: String) throws(JSONPathSyntaxError) {
        let bytes = Array(text.utf8)
        func fail(_ reason: String) -> JSONPathSyntaxError { JSONPathSyntaxError(expression: text, reason: reason) }
        guard bytes.first == UInt8(ascii: "$") else { throw fail("it must start with $") }
        var components: [Component] = []
        var notation: Notation?
        var i = 1
        func use(_ kind: Notation) throws(JSONPathSyntaxError) {
            if let notation, notation != kind { throw fail("bracket and dot notation cannot be mixed") }
            notation = kind
        }
        while i < bytes.count {
            switch bytes[i] {
            case UInt8(ascii: "["):
                i += 1
                if i < bytes.count, bytes[i] == UInt8(ascii: "'") {
                    try use(.bracket)
                    guard let close = bytes[(i + 1)...].firstIndex(of: UInt8(ascii: "'")),
                          close + 1 < bytes.count, bytes[close + 1] == UInt8(ascii: "]") else {
                        throw fail("a ['name'] element is not closed with ']")
                    }
                    let name = String(decoding: bytes[(i + 1)..<close], as: UTF8.self)
                    guard !name.isEmpty else { throw fail("an element name is empty") }
                    components.append(.member(name))
                    i = close + 2
                } else {
                    let digits = bytes[i...].prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
                    let close = i + digits.count
                    guard close < bytes.count, bytes[close] == UInt8(ascii: "]") else {
                        if i < bytes.count, bytes[i] == UInt8(ascii: "-") {
                            throw fail("array indexes must be integers >= 0")
                        }
                        throw fail("expected ['name'] or [index] at offset \(i - 1)")
                    }
                    guard !digits.isEmpty, let index = Int(String(decoding: digits, as: UTF8.self)) else {
                        throw fail("expected an array index between [ and ]")
                    }
                    components.append(.index(index))
                    i = close + 1
                }
            case UInt8(ascii: "."):
                try use(.dot)
                i += 1
                let name = bytes[i...].prefix { ![UInt8(ascii: "."), UInt8(ascii: "["), UInt8(ascii: "]")].contains($0) }
                if name.contains(UInt8(ascii: "'")) { throw fail("dot notation names cannot contain '") }
                guard !name.isEmpty else { throw fail("an element name is empty") }
                if name.contains(UInt8(ascii: "*")) { throw fail("wildcards are not supported") }
                components.append(.member(String(decoding: name, as: UTF8.self)))
                i += name.count
            default:
                throw fail("unexpected '\(String(decoding: [bytes[i]], as: UTF8.self))' at offset \(i)")
            }
        }
        guard !components.isEmpty else { throw fail("it must name an element, e.g. $['column']") }
        self.init(components: components, notation: notation, text: text)
    }
}

/// Why a JSONPath expression is not one Redshift accepts.
public struct JSONPathSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    public var expression: String
    public var reason: String

    public var description: String { "JSONPath \(expression): \(reason)" }
}
