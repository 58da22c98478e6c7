/// The kind of JSON value found for a column in one record.
enum ValueKind: UInt8 {
    /// `asciiString`: no escapes and only ASCII, so its bytes can be copied as they are; `string`: no
    /// escapes but UTF-8 to validate; `escapedString`: has backslash escapes.
    case missing, null, asciiString, string, escapedString, number, `true`, `false`, object, array
}

/// Where a column's value lies in the input: for strings the bytes between the quotes, for objects
/// and arrays the whole text including braces, for numbers and literals their text.
struct FieldSlot {
    var kind: ValueKind
    var start: Int
    var end: Int
}

/// A byte-level scanner for one top-level JSON object or array (RFC 8259 syntax, validated fully).
/// While it scans, it records the position of every value a column wants (see `FieldLocator`) into
/// `slots`, without building any tree or string. It works on a window of bytes that may end in the
/// middle of a record; then it reports `incomplete` and the caller retries with more bytes.
struct JSONRecordScanner {
    enum Status {
        case scanning, incomplete, malformed
    }

    let base: UnsafePointer<UInt8>
    let end: Int
    let tables: LocatorTables
    let slots: UnsafeMutablePointer<FieldSlot>
    /// Per locator node, the kind of value seen (only when `tracksVisits`).
    let visits: UnsafeMutablePointer<ValueKind>
    let tracksVisits: Bool
    /// The current line (1-based), advanced at every newline outside strings.
    var line: Int
    private(set) var status = Status.scanning
    private(set) var failurePosition = 0
    private(set) var failureReason: StaticString = ""

    static let maximumDepth = 512

    init(base: UnsafePointer<UInt8>, end: Int, tables: LocatorTables, slots: UnsafeMutablePointer<FieldSlot>,
         visits: UnsafeMutablePointer<ValueKind>, tracksVisits: Bool, line: Int) {
        self.base = base
        self.end = end
        self.tables = tables
        self.slots = slots
        self.visits = visits
        self.tracksVisits = tracksVisits
        self.line = line
    }

    /// Skips JSON white space from `p`, counting lines; returns the first other position (or `end`).
    @inline(__always)
    mutating func skipWhitespace(_ p: Int) -> Int {
        var p = p
        while p < end {
            let c = base[p]
            if c == 0x20 || c == 0x09 || c == 0x0D {
                p += 1
            } else if c == 0x0A {
                line += 1
                p += 1
            } else {
                break
            }
        }
        return p
    }

    /// Scans the object or array starting at `p` (which holds `{` or `[`) and returns the position after
    /// it, or -1 with `status` saying why.
    mutating func scanRecord(_ p: Int) -> Int {
        value(p, node: 0, depth: 0)
    }

    // MARK: - Values

    private mutating func value(_ p: Int, node: Int, depth: Int) -> Int {
        let kind: ValueKind
        var start = p
        var stop: Int
        switch base[p] {
        case 0x22: // "
            stop = scanString(p + 1)
            guard stop >= 0 else { return -1 }
            kind = lastStringEscaped ? .escapedString : lastStringNonASCII ? .string : .asciiString
            start = p + 1
            if node >= 0 { record(node, kind, start, stop) }
            return stop + 1
        case 0x7B: // {
            guard depth < Self.maximumDepth else { return malformed(p, "JSON nested more than 512 levels deep") }
            stop = scanObject(p, node: node >= 0 && tables.nodes[node].memberCount > 0 ? node : -1, depth: depth + 1)
            kind = .object
        case 0x5B: // [
            guard depth < Self.maximumDepth else { return malformed(p, "JSON nested more than 512 levels deep") }
            stop = scanArray(p, node: node >= 0 && tables.nodes[node].elementCount > 0 ? node : -1, depth: depth + 1)
            kind = .array
        case 0x74: // t
            stop = literal(p, "true")
            kind = .true
        case 0x66: // f
            stop = literal(p, "false")
            kind = .false
        case 0x6E: // n
            stop = literal(p, "null")
            kind = .null
        case 0x2D, 0x30...0x39:
            stop = scanNumber(p)
            kind = .number
        default:
            return malformed(p, "expected a JSON value")
        }
        guard stop >= 0 else { return -1 }
        if node >= 0 { record(node, kind, start, stop) }
        return stop
    }

    @inline(__always)
    private mutating func record(_ node: Int, _ kind: ValueKind, _ start: Int, _ stop: Int) {
        let n = tables.nodes[node]
        for i in 0..<n.columnCount {
            slots[tables.nodeColumns[n.firstColumn + i]] = FieldSlot(kind: kind, start: start, end: stop)
        }
        if tracksVisits { visits[node] = kind }
    }

    private mutating func scanObject(_ open: Int, node: Int, depth: Int) -> Int {
        var p = skipWhitespace(open + 1)
        guard p < end else { return incomplete() }
        if base[p] == 0x7D { return p + 1 }
        while true {
            guard base[p] == 0x22 else { return malformed(p, "expected a quoted member name") }
            let keyEnd = scanString(p + 1)
            guard keyEnd >= 0 else { return -1 }
            var child = -1
            if node >= 0 {
                child = lastStringEscaped
                    ? memberWithEscapes(of: node, start: p + 1, end: keyEnd)
                    : tables.member(of: node, key: base + p + 1, length: keyEnd - p - 1)
            }
            p = skipWhitespace(keyEnd + 1)
            guard p < end else { return incomplete() }
            guard base[p] == 0x3A else { return malformed(p, "expected ':' after a member name") }
            p = skipWhitespace(p + 1)
            guard p < end else { return incomplete() }
            p = value(p, node: child, depth: depth)
            guard p >= 0 else { return -1 }
            var closed = false
            p = next(p, close: 0x7D, "expected ',' or '}' after a member value", closed: &closed)
            if p < 0 || closed { return p }
        }
    }

    private mutating func scanArray(_ open: Int, node: Int, depth: Int) -> Int {
        var p = skipWhitespace(open + 1)
        guard p < end else { return incomplete() }
        if base[p] == 0x5D { return p + 1 }
        var index = 0
        while true {
            let child = node >= 0 ? tables.element(of: node, index: index) : -1
            p = value(p, node: child, depth: depth)
            guard p >= 0 else { return -1 }
            var closed = false
            p = next(p, close: 0x5D, "expected ',' or ']' after an array element", closed: &closed)
            if p < 0 || closed { return p }
            index += 1
        }
    }

    /// After a member or an element: returns the position of the next one, or the position after the
    /// closing bracket with `closed` set.
    @inline(__always)
    private mutating func next(_ p: Int, close: UInt8, _ reason: StaticString, closed: inout Bool) -> Int {
        var p = skipWhitespace(p)
        guard p < end else { return incomplete() }
        if base[p] == close {
            closed = true
            return p + 1
        }
        guard base[p] == 0x2C else { return malformed(p, reason) }
        p = skipWhitespace(p + 1)
        return p < end ? p : incomplete()
    }

    /// Member lookup for a key written with escapes (rare): decode it first.
    private func memberWithEscapes(of node: Int, start: Int, end: Int) -> Int {
        var decoded: [UInt8] = []
        _ = JSONText.decodeString(base, start, end) { decoded.append($0) }
        return decoded.withUnsafeBufferPointer { key in
            tables.member(of: node, key: key.baseAddress ?? base, length: key.count)
        }
    }

    // MARK: - Tokens

    private var lastStringEscaped = false
    private var lastStringNonASCII = false

    /// Scans a string body from `p` (after the opening quote); returns the closing quote's position.
    /// Notes whether it has escapes or non-ASCII bytes, which decide how the encoder copies it.
    @inline(__always)
    private mutating func scanString(_ start: Int) -> Int {
        var p = start
        lastStringEscaped = false
        lastStringNonASCII = false
        while true {
            p = lastStringNonASCII ? JSONText.stringStop(base, p, end) : JSONText.stringStop(base, p, end, atNonASCII: true)
            guard p < end else { return incomplete() }
            let c = base[p]
            if c == 0x22 { return p }
            if c >= 0x80 {
                lastStringNonASCII = true
                continue
            }
            guard c == 0x5C else { return malformed(p, "control character inside a string (must be escaped)") }
            lastStringEscaped = true
            guard p + 1 < end else { return incomplete() }
            switch base[p + 1] {
            case 0x22, 0x5C, 0x2F, 0x62, 0x66, 0x6E, 0x72, 0x74:
                p += 2
            case 0x75: // u
                guard p + 6 <= end else { return incomplete() }
                for i in 2..<6 where JSONText.hexValue(base[p + i]) < 0 {
                    return malformed(p + i, "\\u must be followed by four hex digits")
                }
                p += 6
            default:
                return malformed(p + 1, "invalid escape sequence in a string")
            }
        }
    }

    private mutating func scanNumber(_ start: Int) -> Int {
        var p = start
        if base[p] == 0x2D {
            p += 1
            guard p < end else { return incomplete() }
        }
        let first = base[p]
        if first == 0x30 {
            p += 1
        } else if first >= 0x31 && first <= 0x39 {
            p += 1
            while p < end && isDigit(base[p]) { p += 1 }
        } else {
            return malformed(p, "a number needs a digit")
        }
        guard p < end else { return incomplete() }
        if base[p] == 0x2E {
            p += 1
            guard p < end else { return incomplete() }
            guard isDigit(base[p]) else { return malformed(p, "a decimal point must be followed by digits") }
            while p < end && isDigit(base[p]) { p += 1 }
            guard p < end else { return incomplete() }
        }
        if base[p] == 0x65 || base[p] == 0x45 {
            p += 1
            guard p < end else { return incomplete() }
            if base[p] == 0x2B || base[p] == 0x2D {
                p += 1
                guard p < end else { return incomplete() }
            }
            guard isDigit(base[p]) else { return malformed(p, "an exponent needs digits") }
            while p < end && isDigit(base[p]) { p += 1 }
            guard p < end else { return incomplete() }
        }
        return p
    }

    private mutating func literal(_ p: Int, _ word: StaticString) -> Int {
        let length = word.utf8CodeUnitCount
        let text = word.utf8Start
        for i in 0..<length {
            guard p + i < end else { return incomplete() }
            guard base[p + i] == text[i] else { return malformed(p + i, "invalid literal (expected true, false or null)") }
        }
        return p + length
    }

    @inline(__always)
    private func isDigit(_ c: UInt8) -> Bool { c &- 0x30 < 10 }

    private mutating func incomplete() -> Int {
        status = .incomplete
        return -1
    }

    private mutating func malformed(_ p: Int, _ reason: StaticString) -> Int {
        status = .malformed
        failurePosition = p
        failureReason = reason
        return -1
    }
}
