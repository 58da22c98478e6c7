import Foundation

/// Why one field of a record could not be loaded: a Redshift load error code and reason.
struct FieldFailure {
    var column: Int
    var code: Int
    var reason: String
    var position: Int
}

/// Converts the values a scanner found into one row of PostgreSQL COPY text format, applying
/// Redshift's COPY conversions: the JSON value's text is parsed as the column's type (numbers into
/// VARCHAR keep their text; objects and arrays load as compact JSON text), TIMEFORMAT,
/// BLANKSASNULL, EMPTYASNULL, TRUNCATECOLUMNS, ACCEPTINVCHARS, and a value that does not fit is a load
/// error. The output is validated so that PostgreSQL never rejects it.
struct FieldEncoder {
    let types: [LoadColumnType]
    let options: CopyOptions
    /// Per column: the byte limit of a CHAR/VARCHAR column (Int.max: none), -1 for other types.
    private let characterLimits: UnsafeMutablePointer<Int>
    /// Decoded or compacted text for values that are not copied straight from the input.
    private var scratch = ByteBuffer(capacity: 4096)
    /// Rows that had invalid UTF-8 replaced (ACCEPTINVCHARS), as Redshift reports them.
    private(set) var rowsWithReplacements = 0

    init(types: [LoadColumnType], options: CopyOptions) {
        self.types = types
        self.options = options
        characterLimits = .allocate(capacity: max(types.count, 1))
        for (column, type) in types.enumerated() {
            switch type {
            case .varchar(let maxBytes): characterLimits[column] = maxBytes ?? Int.max
            case .char(let length): characterLimits[column] = length
            default: characterLimits[column] = -1
            }
        }
    }

    func release() {
        scratch.release()
        characterLimits.deallocate()
    }

    /// Appends one row (tab-separated fields, newline) for `slots`; on a load error the output is left
    /// as it was and the failure is returned.
    mutating func encodeRow(_ base: UnsafePointer<UInt8>, _ slots: UnsafeMutablePointer<FieldSlot>,
                            into out: inout ByteBuffer) -> FieldFailure? {
        let rowStart = out.count
        var replaced = false
        for column in 0..<types.count {
            if column > 0 { out.append(0x09) }
            let slot = slots[column]
            if let failure = encodeField(base, slot, column: column, replaced: &replaced, into: &out) {
                out.count = rowStart
                return failure
            }
        }
        out.append(0x0A)
        if replaced { rowsWithReplacements += 1 }
        return nil
    }

    // MARK: - Fields

    @inline(__always)
    private mutating func encodeField(_ base: UnsafePointer<UInt8>, _ slot: FieldSlot, column: Int, replaced: inout Bool,
                                      into out: inout ByteBuffer) -> FieldFailure? {
        if slot.kind == .missing || slot.kind == .null {
            out.append("\\N")
            return nil
        }
        let limit = characterLimits[column]
        if limit < 0 { return encodeTyped(base, slot, column: column, into: &out) }
        return encodeCharacter(base, slot, column: column, maxBytes: limit, replaced: &replaced, into: &out)
    }

    private mutating func encodeCharacter(_ base: UnsafePointer<UInt8>, _ slot: FieldSlot, column: Int, maxBytes: Int,
                                          replaced: inout Bool, into out: inout ByteBuffer) -> FieldFailure? {
        let result: TextResult
        switch slot.kind {
        case .asciiString:
            if slot.start == slot.end && options.emptyAsNull
                || options.blanksAsNull && Self.isBlank(base, slot.start, slot.end) {
                out.append("\\N")
                return nil
            }
            result = appendASCII(base, slot.start, slot.end, maxBytes: maxBytes, into: &out)
        case .number:
            result = appendASCII(base, slot.start, slot.end, maxBytes: maxBytes, into: &out)
        case .string, .escapedString:
            if slot.start == slot.end && options.emptyAsNull
                || options.blanksAsNull && Self.isBlank(base, slot.start, slot.end) {
                out.append("\\N")
                return nil
            }
            result = appendText(base, slot.start, slot.end, jsonEscapes: slot.kind == .escapedString,
                                maxBytes: maxBytes, into: &out)
        case .true:
            result = appendStatic("true", maxBytes: maxBytes, into: &out)
        case .false:
            result = appendStatic("false", maxBytes: maxBytes, into: &out)
        case .object, .array:
            scratch.count = 0
            JSONText.compact(base, slot.start, slot.end, into: &scratch)
            result = appendText(UnsafePointer(scratch.base), 0, scratch.count, jsonEscapes: false, maxBytes: maxBytes, into: &out)
        case .missing, .null:
            out.append("\\N")
            return nil
        }
        switch result {
        case .ok:
            return nil
        case .replaced:
            replaced = true
            return nil
        case .tooLong(let length):
            if options.truncateColumns { return nil }
            return FieldFailure(column: column, code: LoadErrorCode.outOfRange,
                                reason: "String length exceeds DDL length", position: min(length, maxBytes))
        case .invalidUTF8(let position, let byte):
            return FieldFailure(column: column, code: LoadErrorCode.invalidUTF8,
                                reason: "String contains invalid or unsupported UTF8 codepoints. Bad UTF8 hex sequence: "
                                    + String(byte, radix: 16), position: position)
        }
    }

    enum TextResult {
        case ok, replaced
        /// Longer than the column: the output holds the longest whole-character prefix that fits.
        case tooLong(Int)
        case invalidUTF8(position: Int, byte: UInt8)
    }

    /// Appends ASCII that needs no escaping in COPY text (a string the scanner found free of escapes,
    /// control characters and non-ASCII bytes, or a number): a plain copy.
    @inline(__always)
    private func appendASCII(_ src: UnsafePointer<UInt8>, _ start: Int, _ end: Int, maxBytes: Int,
                             into out: inout ByteBuffer) -> TextResult {
        let n = end - start
        let fits = min(n, maxBytes)
        out.reserve(fits)
        JSONText.copy(out.base + out.count, src + start, fits)
        out.count += fits
        return n <= maxBytes ? .ok : .tooLong(n)
    }

    /// Appends `src[start..<end]` as a COPY text field: JSON escapes decoded when `jsonEscapes`, UTF-8
    /// validated (ACCEPTINVCHARS replaces each byte of an invalid sequence), COPY's own escapes added.
    /// Lengths are counted in bytes of the decoded text, as Redshift's VARCHAR(n) does.
    @inline(__always)
    private func appendText(_ src: UnsafePointer<UInt8>, _ start: Int, _ end: Int, jsonEscapes: Bool, maxBytes: Int,
                            into out: inout ByteBuffer) -> TextResult {
        out.reserve((end - start) * 2 + 16)
        var p = start
        var length = 0
        var replaced = false
        while p < end {
            let runStart = p
            while p < end {
                let c = src[p]
                if c >= 0x80 || c == 0x5C || c < 0x20 { break }
                p += 1
            }
            if p > runStart {
                let n = p - runStart
                if length + n > maxBytes {
                    let fits = maxBytes - length
                    JSONText.copy(out.base + out.count, src + runStart, fits)
                    out.count += fits
                    return .tooLong(length + n)
                }
                JSONText.copy(out.base + out.count, src + runStart, n)
                out.count += n
                length += n
                if p == end { break }
            }
            let c = src[p]
            if c == 0x5C && jsonEscapes {
                let e = JSONText.escape(src, p, end)
                if e.invalid {
                    guard let replacement = options.acceptInvalidCharacters else {
                        return .invalidUTF8(position: p - start, byte: e.count == 1 ? 0 : e.bytes.0)
                    }
                    guard length + e.count <= maxBytes else { return .tooLong(length + e.count) }
                    for _ in 0..<e.count { Self.appendEscaped(replacement, into: &out) }
                    replaced = true
                } else {
                    guard length + e.count <= maxBytes else { return .tooLong(length + e.count) }
                    if e.count == 1 {
                        Self.appendEscaped(e.bytes.0, into: &out)
                    } else {
                        out.appendUnchecked(e.bytes.0)
                        out.appendUnchecked(e.bytes.1)
                        if e.count > 2 { out.appendUnchecked(e.bytes.2) }
                        if e.count > 3 { out.appendUnchecked(e.bytes.3) }
                    }
                }
                length += e.count
                p += e.consumed
            } else if c < 0x80 {
                guard length + 1 <= maxBytes else { return .tooLong(length + 1) }
                Self.appendEscaped(c, into: &out)
                length += 1
                p += 1
            } else {
                let sequence = JSONText.utf8Sequence(src, p, end)
                if sequence > 0 {
                    guard length + sequence <= maxBytes else { return .tooLong(length + sequence) }
                    for i in 0..<sequence { out.appendUnchecked(src[p + i]) }
                    length += sequence
                    p += sequence
                } else {
                    guard let replacement = options.acceptInvalidCharacters else {
                        return .invalidUTF8(position: p - start, byte: c)
                    }
                    guard length - sequence <= maxBytes else { return .tooLong(length - sequence) }
                    for _ in 0 ..< -sequence { Self.appendEscaped(replacement, into: &out) }
                    length -= sequence
                    p -= sequence
                    replaced = true
                }
            }
        }
        return replaced ? .replaced : .ok
    }

    private func appendStatic(_ text: StaticString, maxBytes: Int, into out: inout ByteBuffer) -> TextResult {
        let n = text.utf8CodeUnitCount
        guard n <= maxBytes else {
            out.append(text.utf8Start, count: maxBytes)
            return .tooLong(n)
        }
        out.append(text)
        return .ok
    }

    /// One byte of field data in COPY text format: backslash, newline, carriage return and tab escaped.
    @inline(__always)
    static func appendEscaped(_ c: UInt8, into out: inout ByteBuffer) {
        switch c {
        case 0x5C: out.appendUnchecked(0x5C); out.appendUnchecked(0x5C)
        case 0x0A: out.appendUnchecked(0x5C); out.appendUnchecked(0x6E)
        case 0x0D: out.appendUnchecked(0x5C); out.appendUnchecked(0x72)
        case 0x09: out.appendUnchecked(0x5C); out.appendUnchecked(0x74)
        default: out.appendUnchecked(c)
        }
    }

    /// Whether a JSON string body holds only white space (at least one character of it).
    static func isBlank(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        guard start < end else { return false }
        var p = start
        while p < end {
            switch base[p] {
            case 0x20, 0x09:
                p += 1
            case 0x5C where p + 1 < end && [0x74, 0x6E, 0x72, 0x66].contains(base[p + 1]):
                p += 2
            default:
                return false
            }
        }
        return true
    }

    // MARK: - Non-character types

    /// The value's text as the target type's parser sees it, or nil for NULL (empty or blank text loads
    /// as NULL into non-character columns, as in Redshift).
    private mutating func text(_ base: UnsafePointer<UInt8>, _ slot: FieldSlot) -> UnsafeBufferPointer<UInt8>? {
        switch slot.kind {
        case .number:
            return UnsafeBufferPointer(start: base + slot.start, count: slot.end - slot.start)
        case .asciiString, .string:
            guard !Self.isBlank(base, slot.start, slot.end), slot.start < slot.end else { return nil }
            return UnsafeBufferPointer(start: base + slot.start, count: slot.end - slot.start)
        case .escapedString:
            guard !Self.isBlank(base, slot.start, slot.end) else { return nil }
            scratch.count = 0
            var buffer = scratch
            JSONText.decodeString(base, slot.start, slot.end) { buffer.append($0) }
            scratch = buffer
            return UnsafeBufferPointer(start: scratch.base, count: scratch.count)
        case .true:
            let text: StaticString = "true"
            return UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount)
        case .false:
            let text: StaticString = "false"
            return UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount)
        case .object, .array:
            scratch.count = 0
            JSONText.compact(base, slot.start, slot.end, into: &scratch)
            return UnsafeBufferPointer(start: scratch.base, count: scratch.count)
        case .missing, .null:
            return nil
        }
    }

    private mutating func encodeTyped(_ base: UnsafePointer<UInt8>, _ slot: FieldSlot, column: Int,
                                      into out: inout ByteBuffer) -> FieldFailure? {
        guard let text = text(base, slot) else {
            out.append("\\N")
            return nil
        }
        let type = types[column]
        let failure: (code: Int, reason: String, position: Int)?
        switch type {
        case .smallint:
            failure = ValueParsing.integer(text, range: Int(Int16.min)...Int(Int16.max), typeName: "Short", into: &out)
        case .integer:
            failure = ValueParsing.integer(text, range: Int(Int32.min)...Int(Int32.max), typeName: "Integer", into: &out)
        case .bigint:
            failure = ValueParsing.integer(text, range: Int.min...Int.max, typeName: "Long", into: &out)
        case .real:
            failure = ValueParsing.float(text, single: true, into: &out)
        case .double:
            failure = ValueParsing.float(text, single: false, into: &out)
        case .decimal(let precision, let scale):
            failure = ValueParsing.decimal(text, precision: precision, scale: scale, into: &out)
        case .boolean:
            failure = ValueParsing.boolean(text, into: &out)
        case .timestamp, .timestamptz:
            failure = ValueParsing.timestamp(text, format: options.timeFormat, withZone: type == .timestamptz, into: &out)
        case .date:
            failure = ValueParsing.date(text, into: &out)
        case .varchar, .char:
            failure = nil
        }
        guard let failure else { return nil }
        return FieldFailure(column: column, code: failure.code, reason: failure.reason, position: failure.position)
    }
}
