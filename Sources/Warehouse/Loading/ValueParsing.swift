import Foundation

/// Parsers for a value's text into the non-character column types, with Redshift's load error codes.
/// Each writes the normalized value in COPY text format on success and returns nil, or returns the
/// failure (code, reason, position in the field) and writes nothing that matters (the row is undone).
enum ValueParsing {
    typealias Failure = (code: Int, reason: String, position: Int)

    static func string(_ text: UnsafeBufferPointer<UInt8>) -> String {
        String(decoding: text.prefix(100), as: UTF8.self)
    }

    private static func character(_ c: UInt8) -> String {
        c >= 0x20 && c < 0x7F ? String(UnicodeScalar(c)) : "0x" + String(c, radix: 16)
    }

    @inline(__always)
    private static func isDigit(_ c: UInt8) -> Bool { c &- 0x30 < 10 }

    /// A leading `-` or `+`: whether the value is negative and where its digits start.
    private static func sign(_ text: UnsafeBufferPointer<UInt8>) -> (negative: Bool, digitsStart: Int) {
        switch text[0] {
        case 0x2D: return (true, 1)
        case 0x2B: return (false, 1)
        default: return (false, 0)
        }
    }

    // MARK: Integers

    static func integer(_ text: UnsafeBufferPointer<UInt8>, range: ClosedRange<Int>, typeName: String,
                        into out: inout ByteBuffer) -> Failure? {
        var (negative, p) = sign(text)
        guard p < text.count else {
            return (LoadErrorCode.invalidDigit, "Invalid digit, Value '\(string(text))', Pos \(p), Type: \(typeName)", p)
        }
        var magnitude: UInt64 = 0
        var overflow = false
        let digitsStart = p
        while p < text.count {
            let c = text[p]
            guard isDigit(c) else {
                return (LoadErrorCode.invalidDigit, "Invalid digit, Value '\(character(c))', Pos \(p), Type: \(typeName)", p)
            }
            let (times10, o1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(UInt64(c - 0x30))
            overflow = overflow || o1 || o2
            magnitude = sum
            p += 1
        }
        let limit = negative ? UInt64(range.lowerBound.magnitude) : UInt64(range.upperBound)
        guard !overflow, magnitude <= limit else {
            return (LoadErrorCode.outOfRange, "Overflow, Value '\(string(text))' out of range for type \(typeName)", 0)
        }
        if negative && magnitude != 0 { out.append(0x2D) }
        out.append(text.baseAddress! + digitsStart, count: text.count - digitsStart)
        return nil
    }

    // MARK: Floating point

    /// Accepts `[+-]digits[.digits][e[+-]digits]` (or `.digits`); out-of-range values are load errors,
    /// checked with strtod/strtof as PostgreSQL does.
    static func float(_ text: UnsafeBufferPointer<UInt8>, single: Bool, into out: inout ByteBuffer) -> Failure? {
        let typeName = single ? "Real" : "Double"
        var p = sign(text).digitsStart
        var digits = 0
        while p < text.count && isDigit(text[p]) { p += 1; digits += 1 }
        if p < text.count && text[p] == 0x2E {
            p += 1
            while p < text.count && isDigit(text[p]) { p += 1; digits += 1 }
        }
        var exponent = false
        if digits > 0, p < text.count, text[p] == 0x65 || text[p] == 0x45 {
            exponent = true
            p += 1
            if p < text.count && (text[p] == 0x2B || text[p] == 0x2D) { p += 1 }
            let start = p
            while p < text.count && isDigit(text[p]) { p += 1 }
            if p == start { digits = 0 }
        }
        guard digits > 0, p == text.count else {
            let at = min(p, text.count - 1)
            return (LoadErrorCode.floatFormat, "Invalid digit, Value '\(character(text[at]))', Pos \(at), Type: \(typeName)", at)
        }
        if exponent || text.count > 30 {
            var terminated = Array(text)
            terminated.append(0)
            let inRange = terminated.withUnsafeBufferPointer { buffer -> Bool in
                buffer.withMemoryRebound(to: CChar.self) { chars in
                    errno = 0
                    let value = single ? Double(strtof(chars.baseAddress!, nil)) : strtod(chars.baseAddress!, nil)
                    return errno != ERANGE && value.isFinite
                }
            }
            guard inRange else {
                return (LoadErrorCode.outOfRange, "Value '\(string(text))' is out of range for type \(typeName)", 0)
            }
        }
        out.append(text.baseAddress!, count: text.count)
        return nil
    }

    // MARK: Decimal

    /// `[+-]digits[.digits]`: more integer digits than precision - scale is an overflow; extra fraction
    /// digits are truncated (Redshift's default without ROUNDEC).
    static func decimal(_ text: UnsafeBufferPointer<UInt8>, precision: Int, scale: Int,
                        into out: inout ByteBuffer) -> Failure? {
        var (negative, p) = sign(text)
        while p < text.count - 1 && text[p] == 0x30 && isDigit(text[p + 1]) { p += 1 }
        let integerStart = p
        while p < text.count && isDigit(text[p]) { p += 1 }
        let integerEnd = p
        var fractionStart = p, fractionEnd = p
        if p < text.count && text[p] == 0x2E {
            p += 1
            fractionStart = p
            while p < text.count && isDigit(text[p]) { p += 1 }
            fractionEnd = p
        }
        guard p == text.count, integerEnd > integerStart || fractionEnd > fractionStart else {
            let at = min(p, text.count - 1)
            return (LoadErrorCode.decimalFormat, "Invalid digit, Value '\(character(text[at]))', Pos \(at), Type: Decimal", at)
        }
        let integerDigits = integerEnd - integerStart == 1 && text[integerStart] == 0x30 ? 0 : integerEnd - integerStart
        guard integerDigits <= precision - scale else {
            return (LoadErrorCode.outOfRange, "Numeric data overflow (result precision)", 0)
        }
        if negative { out.append(0x2D) }
        if integerEnd > integerStart {
            out.append(text.baseAddress! + integerStart, count: integerEnd - integerStart)
        } else {
            out.append(0x30)
        }
        let kept = min(scale, fractionEnd - fractionStart)
        if kept > 0 {
            out.append(0x2E)
            out.append(text.baseAddress! + fractionStart, count: kept)
        }
        return nil
    }

    // MARK: Boolean

    /// Redshift's boolean literals: t, true, y, yes, 1 and f, false, n, no, 0, in any case.
    static func boolean(_ text: UnsafeBufferPointer<UInt8>, into out: inout ByteBuffer) -> Failure? {
        let word = String(decoding: text.prefix(6), as: UTF8.self).lowercased()
        switch text.count <= 5 ? word : "" {
        case "t", "true", "y", "yes", "1":
            out.append(0x74)
        case "f", "false", "n", "no", "0":
            out.append(0x66)
        default:
            return (LoadErrorCode.booleanFormat, "Invalid boolean value '\(string(text))'", 0)
        }
        return nil
    }

    // MARK: Dates and times

    static func timestamp(_ text: UnsafeBufferPointer<UInt8>, format: TimeFormat, withZone: Bool,
                          into out: inout ByteBuffer) -> Failure? {
        let microseconds: Int?
        switch format {
        case .epochSeconds:
            microseconds = epoch(text, unit: 1_000_000)
        case .epochMilliseconds:
            microseconds = epoch(text, unit: 1000)
        case .standard, .auto:
            microseconds = dateTime(text, lenient: format == .auto)
        }
        guard let microseconds, CivilTime.microsecondsRange.contains(microseconds) else {
            let expected: String
            switch format {
            case .standard: expected = "YYYY-MM-DD HH:MI:SS"
            case .auto: expected = "auto"
            case .epochSeconds: expected = "epochsecs"
            case .epochMilliseconds: expected = "epochmillisecs"
            }
            return (LoadErrorCode.timestampFormat, "Invalid timestamp format or value [\(expected)]: '\(string(text))'", 0)
        }
        CivilTime.appendTimestamp(microseconds: microseconds, into: &out)
        if withZone { out.append("+00") }
        return nil
    }

    /// `[-]digits[.digits]` in units of `unit` microseconds (1_000_000: seconds, 1000: milliseconds), as
    /// microseconds; digits below a microsecond are dropped.
    static func epoch(_ text: UnsafeBufferPointer<UInt8>, unit: Int) -> Int? {
        var (negative, p) = sign(text)
        let maxDigits = unit == 1000 ? 15 : 12
        var whole = 0
        let start = p
        while p < text.count && isDigit(text[p]) {
            guard p - start < maxDigits else { return nil }
            whole = whole * 10 + Int(text[p] - 0x30)
            p += 1
        }
        guard p > start else { return nil }
        var fraction = 0, scale = unit
        if p < text.count && text[p] == 0x2E {
            p += 1
            guard p < text.count else { return nil }
            while p < text.count && isDigit(text[p]) {
                if scale > 1 {
                    scale /= 10
                    fraction += Int(text[p] - 0x30) * scale
                }
                p += 1
            }
        }
        guard p == text.count else { return nil }
        let value = whole * unit + fraction
        return negative ? -value : value
    }

    /// `YYYY-MM-DD HH:MI:SS[.ffffff]`; lenient (TIMEFORMAT 'auto') also takes a `T` separator, a
    /// missing time or seconds, and a trailing `Z`.
    static func dateTime(_ text: UnsafeBufferPointer<UInt8>, lenient: Bool) -> Int? {
        var p = 0
        func number(_ width: Int) -> Int? {
            guard p + width <= text.count else { return nil }
            var value = 0
            for i in 0..<width {
                guard isDigit(text[p + i]) else { return nil }
                value = value * 10 + Int(text[p + i] - 0x30)
            }
            p += width
            return value
        }
        func expect(_ c: UInt8) -> Bool {
            guard p < text.count, text[p] == c else { return false }
            p += 1
            return true
        }
        guard let year = number(4), expect(0x2D), let month = number(2), expect(0x2D), let day = number(2),
              (1...12).contains(month), day >= 1, day <= CivilTime.daysInMonth(year: year, month: month), year >= 1 else {
            return nil
        }
        var seconds = 0, fraction = 0
        if p == text.count {
            guard lenient else { return nil }
        } else {
            guard expect(0x20) || lenient && expect(0x54) else { return nil }
            guard let hour = number(2), expect(0x3A), let minute = number(2), hour < 24, minute < 60 else { return nil }
            var second = 0
            if expect(0x3A) {
                guard let s = number(2), s < 60 else { return nil }
                second = s
            } else if !lenient {
                return nil
            }
            seconds = hour * 3600 + minute * 60 + second
            if expect(0x2E) {
                var scale = 1_000_000
                let start = p
                while p < text.count && isDigit(text[p]) {
                    if scale > 1 {
                        scale /= 10
                        fraction += Int(text[p] - 0x30) * scale
                    }
                    p += 1
                }
                guard p > start else { return nil }
            }
            if lenient && p < text.count && text[p] == 0x5A { p += 1 }
            guard p == text.count else { return nil }
        }
        let days = CivilTime.days(year: year, month: month, day: day)
        return (days * 86_400 + seconds) * 1_000_000 + fraction
    }

    /// `YYYY-MM-DD` (DATEFORMAT's default).
    static func date(_ text: UnsafeBufferPointer<UInt8>, into out: inout ByteBuffer) -> Failure? {
        guard text.count == 10, let microseconds = dateTime(text, lenient: true) else {
            return (LoadErrorCode.dateFormat, "Invalid Date Format - length must be 10 or more: '\(string(text))'", 0)
        }
        let (year, month, day) = CivilTime.date(days: microseconds / 86_400_000_000)
        CivilTime.appendDate(year: year, month: month, day: day, bc: true, into: &out)
        return nil
    }
}
