import Foundation

/// A parsed XML element, as AWS's query and REST-XML responses need it: name, character data, child
/// elements. Attributes and namespaces are dropped (AWS responses carry nothing in them we read).
public struct XMLElement: Sendable, Equatable, CustomStringConvertible {
    public var name: String
    /// Character data directly inside this element (entities decoded, CDATA included), untrimmed.
    public var text: String
    public var children: [XMLElement]

    public init(name: String, text: String = "", children: [XMLElement] = []) {
        self.name = name
        self.text = text
        self.children = children
    }

    /// The first child with that name.
    public func child(_ name: String) -> XMLElement? { children.first { $0.name == name } }

    /// Every child with that name, in document order (`children("member")`).
    public func children(_ name: String) -> [XMLElement] { children.filter { $0.name == name } }

    /// Follows first children by name: `path("CreateRoleResult", "Role", "Arn")`.
    public func path(_ names: String...) -> XMLElement? {
        var element = self
        for name in names {
            guard let next = element.child(name) else { return nil }
            element = next
        }
        return element
    }

    /// The first element with that name in this subtree, depth first (this element included).
    public func first(_ name: String) -> XMLElement? {
        if self.name == name { return self }
        for child in children {
            if let found = child.first(name) { return found }
        }
        return nil
    }

    /// Compact XML, for messages and tests.
    public var description: String {
        let inner = children.isEmpty ? XMLReader.escape(text) : children.map(\.description).joined()
        return "<\(name)>\(inner)</\(name)>"
    }

    /// Parses a document and returns its root element.
    public static func parse(_ data: Data) throws(XMLParseError) -> XMLElement {
        var parser = XMLReader(bytes: [UInt8](data))
        return try parser.document()
    }
}

/// Malformed XML: what was wrong and where.
public struct XMLParseError: Error, Sendable, CustomStringConvertible {
    public var reason: String
    public var offset: Int
    public var description: String { "malformed XML at byte \(offset): \(reason)" }
}

/// A small parser for the XML subset AWS returns: declaration, comments, elements, attributes
/// (skipped), character data with the predefined and numeric entities, CDATA.
struct XMLReader {
    let bytes: [UInt8]
    var position = 0

    init(bytes: [UInt8]) { self.bytes = bytes }

    mutating func document() throws(XMLParseError) -> XMLElement {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
        try skipMisc()
        guard peek("<") else { throw fail("expected the root element") }
        let root = try element()
        try skipMisc()
        guard position == bytes.count else { throw fail("content after the root element") }
        return root
    }

    /// Whitespace, `<?…?>`, comments and a doctype between top-level items.
    private mutating func skipMisc() throws(XMLParseError) {
        while true {
            while position < bytes.count, isSpace(bytes[position]) { position += 1 }
            if peek("<?") { try skip(past: "?>") } else if peek("<!--") { try skip(past: "-->") }
            else if peek("<!DOCTYPE") { try skip(past: ">") } else { return }
        }
    }

    /// An element starting at `<`, through its end tag.
    private mutating func element() throws(XMLParseError) -> XMLElement {
        position += 1
        var element = XMLElement(name: name())
        guard !element.name.isEmpty else { throw fail("expected an element name") }
        // Attributes: skipped, honouring quotes.
        while true {
            guard position < bytes.count else { throw fail("unterminated start tag <\(element.name)>") }
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                position += 1
                while position < bytes.count, bytes[position] != byte { position += 1 }
                position += 1
            } else if peek("/>") {
                position += 2
                return element
            } else if byte == UInt8(ascii: ">") {
                position += 1
                break
            } else {
                position += 1
            }
        }
        var text = [UInt8]()
        while true {
            guard position < bytes.count else { throw fail("missing </\(element.name)>") }
            if peek("</") {
                let tagStart = position
                position += 2
                let closing = name()
                guard closing == element.name else {
                    throw XMLParseError(reason: "</\(closing)> closes <\(element.name)>", offset: tagStart)
                }
                while position < bytes.count, isSpace(bytes[position]) { position += 1 }
                guard peek(">") else { throw fail("unterminated end tag </\(closing)>") }
                position += 1
                element.text = String(decoding: text, as: UTF8.self)
                return element
            } else if peek("<![CDATA[") {
                position += 9
                let start = position
                try skip(past: "]]>")
                text.append(contentsOf: bytes[start..<(position - 3)])
            } else if peek("<!--") {
                try skip(past: "-->")
            } else if peek("<?") {
                try skip(past: "?>")
            } else if peek("<") {
                element.children.append(try self.element())
            } else if peek("&") {
                text.append(contentsOf: try entity())
            } else {
                text.append(bytes[position])
                position += 1
            }
        }
    }

    private mutating func name() -> String {
        let start = position
        while position < bytes.count {
            let byte = bytes[position]
            if isSpace(byte) || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "/") { break }
            position += 1
        }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    /// `&amp;` `&lt;` `&gt;` `&quot;` `&apos;` `&#NN;` `&#xHH;` → UTF-8 bytes.
    private mutating func entity() throws(XMLParseError) -> [UInt8] {
        let start = position
        guard let end = bytes[position...].firstIndex(of: UInt8(ascii: ";")), end - position < 12 else {
            throw fail("unterminated entity")
        }
        let body = String(decoding: bytes[(position + 1)..<end], as: UTF8.self)
        position = end + 1
        switch body {
        case "amp": return Array("&".utf8)
        case "lt": return Array("<".utf8)
        case "gt": return Array(">".utf8)
        case "quot": return Array("\"".utf8)
        case "apos": return Array("'".utf8)
        default:
            let scalar: Unicode.Scalar?
            if body.hasPrefix("#x") || body.hasPrefix("#X") {
                scalar = UInt32(body.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
            } else if body.hasPrefix("#") {
                scalar = UInt32(body.dropFirst()).flatMap(Unicode.Scalar.init)
            } else {
                scalar = nil
            }
            guard let scalar else {
                position = start
                throw fail("unknown entity &\(body);")
            }
            return Array(String(Character(scalar)).utf8)
        }
    }

    private mutating func skip(past terminator: String) throws(XMLParseError) {
        let pattern = Array(terminator.utf8)
        while position < bytes.count {
            if bytes[position...].starts(with: pattern) {
                position += pattern.count
                return
            }
            position += 1
        }
        throw fail("missing \(terminator)")
    }

    private func peek(_ literal: String) -> Bool { bytes[position...].starts(with: literal.utf8) }

    private func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    private func fail(_ reason: String) -> XMLParseError { XMLParseError(reason: reason, offset: position) }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }
}
