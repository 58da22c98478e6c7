/// Byte-level helpers for JSON text: finding the end of a string run, decoding escapes, validating
/// UTF-8 and compacting nested values. Shared by the scanner and the field encoder.
enum JSONText {
    /// The first position at or after `p` holding `"`, `\` or a control character, or `end`.
    /// Eight bytes at a time: strings are most of the input.
    /// With `atNonASCII`, bytes >= 0x80 stop it too.
    @inline(__always)
    static func stringStop(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int, atNonASCII: Bool = false) -> Int {
        var p = start
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        while p + 8 <= end {
            let word = UnsafeRawPointer(base + p).loadUnaligned(as: UInt64.self)
            let quote = word ^ 0x2222_2222_2222_2222
            let backslash = word ^ 0x5C5C_5C5C_5C5C_5C5C
            // Each term flags (in its high bit) the first byte that is a quote, a backslash or < 0x20.
            let special = (quote &- ones) & ~quote | (backslash &- ones) & ~backslash | (word &- 0x2020_2020_2020_2020) & ~word
            let found = (atNonASCII ? special | word : special) & highs
            if found != 0 { return p + found.trailingZeroBitCount >> 3 }
            p += 8
        }
        while p < end {
            let c = base[p]
            if c == 0x22 || c == 0x5C || c < 0x20 || atNonASCII && c >= 0x80 { return p }
            p += 1
        }
        return end
    }

    /// Copies `count` bytes: short runs (most field values) word by word instead of calling memmove.
    @inline(__always)
    static func copy(_ destination: UnsafeMutablePointer<UInt8>, _ source: UnsafePointer<UInt8>, _ count: Int) {
        guard count <= 64 else {
            destination.update(from: source, count: count)
            return
        }
        var i = 0
        while i + 8 <= count {
            UnsafeMutableRawPointer(destination + i).storeBytes(of: UnsafeRawPointer(source + i).loadUnaligned(as: UInt64.self),
                                                               as: UInt64.self)
            i += 8
        }
        while i < count {
            destination[i] = source[i]
            i += 1
        }
    }

    /// Byte-wise equality of two short runs (member names), eight bytes at a time.
    @inline(__always)
    static func equal(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        var i = 0
        while i + 8 <= count {
            if UnsafeRawPointer(a + i).loadUnaligned(as: UInt64.self) != UnsafeRawPointer(b + i).loadUnaligned(as: UInt64.self) {
                return false
            }
            i += 8
        }
        while i < count {
            if a[i] != b[i] { return false }
            i += 1
        }
        return true
    }

    /// 0–15 for a hex digit, else -1.
    @inline(__always)
    static func hexValue(_ c: UInt8) -> Int {
        switch c {
        case 0x30...0x39: return Int(c - 0x30)
        case 0x41...0x46: return Int(c - 0x41 + 10)
        case 0x61...0x66: return Int(c - 0x61 + 10)
        default: return -1
        }
    }

    /// The code unit of the `\uXXXX` escape at `p` (which holds the backslash); the scanner has
    /// checked the hex digits.
    @inline(__always)
    static func unicodeEscape(_ base: UnsafePointer<UInt8>, _ p: Int) -> UInt32 {
        UInt32(hexValue(base[p + 2]) << 12 | hexValue(base[p + 3]) << 8 | hexValue(base[p + 4]) << 4 | hexValue(base[p + 5]))
    }

    /// One decoded escape: the bytes it stands for and how many input bytes it used. Surrogate pairs
    /// become one 4-byte character; a lone surrogate becomes its 3-byte (invalid) encoding and `\u0000`
    /// a NUL byte, which UTF-8 validation then rejects (PostgreSQL text cannot hold NUL).
    struct Escape {
        var bytes: (UInt8, UInt8, UInt8, UInt8)
        var count: Int
        var consumed: Int
        /// A lone surrogate or NUL: not a character a VARCHAR can hold.
        var invalid: Bool
    }

    @inline(__always)
    static func escape(_ base: UnsafePointer<UInt8>, _ p: Int, _ end: Int) -> Escape {
        let c = base[p + 1]
        switch c {
        case 0x62: return Escape(bytes: (0x08, 0, 0, 0), count: 1, consumed: 2, invalid: false)
        case 0x66: return Escape(bytes: (0x0C, 0, 0, 0), count: 1, consumed: 2, invalid: false)
        case 0x6E: return Escape(bytes: (0x0A, 0, 0, 0), count: 1, consumed: 2, invalid: false)
        case 0x72: return Escape(bytes: (0x0D, 0, 0, 0), count: 1, consumed: 2, invalid: false)
        case 0x74: return Escape(bytes: (0x09, 0, 0, 0), count: 1, consumed: 2, invalid: false)
        case 0x75: break
        default: return Escape(bytes: (c, 0, 0, 0), count: 1, consumed: 2, invalid: false)
        }
        var scalar = unicodeEscape(base, p)
        var consumed = 6
        if scalar >= 0xD800 && scalar < 0xDC00, p + 12 <= end, base[p + 6] == 0x5C, base[p + 7] == 0x75 {
            let low = unicodeEscape(base, p + 6)
            if low >= 0xDC00 && low < 0xE000 {
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                consumed = 12
            }
        }
        let invalid = scalar == 0 || (scalar >= 0xD800 && scalar < 0xE000)
        switch scalar {
        case 0..<0x80:
            return Escape(bytes: (UInt8(scalar), 0, 0, 0), count: 1, consumed: consumed, invalid: invalid)
        case 0x80..<0x800:
            return Escape(bytes: (UInt8(0xC0 | scalar >> 6), UInt8(0x80 | scalar & 0x3F), 0, 0),
                          count: 2, consumed: consumed, invalid: false)
        case 0x800..<0x10000:
            return Escape(bytes: (UInt8(0xE0 | scalar >> 12), UInt8(0x80 | scalar >> 6 & 0x3F), UInt8(0x80 | scalar & 0x3F), 0),
                          count: 3, consumed: consumed, invalid: invalid)
        default:
            return Escape(bytes: (UInt8(0xF0 | scalar >> 18), UInt8(0x80 | scalar >> 12 & 0x3F),
                                  UInt8(0x80 | scalar >> 6 & 0x3F), UInt8(0x80 | scalar & 0x3F)),
                          count: 4, consumed: consumed, invalid: false)
        }
    }

    /// Decodes the string body `base[start..<end]` (escapes resolved), handing each byte to `emit`.
    /// Returns false when an escape stood for something that is not a valid character.
    @discardableResult
    static func decodeString(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int, _ emit: (UInt8) -> Void) -> Bool {
        var p = start
        var valid = true
        while p < end {
            if base[p] != 0x5C {
                emit(base[p])
                p += 1
                continue
            }
            let e = escape(base, p, end)
            if e.invalid { valid = false }
            emit(e.bytes.0)
            if e.count > 1 { emit(e.bytes.1) }
            if e.count > 2 { emit(e.bytes.2) }
            if e.count > 3 { emit(e.bytes.3) }
            p += e.consumed
        }
        return valid
    }

    /// The length of the valid UTF-8 character at `p` (whose byte is >= 0x80), or minus the length of
    /// the maximal invalid sequence there (what ACCEPTINVCHARS replaces byte for byte).
    @inline(__always)
    static func utf8Sequence(_ s: UnsafePointer<UInt8>, _ p: Int, _ end: Int) -> Int {
        let lead = s[p]
        let length: Int
        var low: UInt8 = 0x80, high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; low = 0xA0
        case 0xE1...0xEC, 0xEE, 0xEF: length = 3
        case 0xED: length = 3; high = 0x9F
        case 0xF0: length = 4; low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; high = 0x8F
        default: return -1
        }
        var i = 1
        while i < length {
            guard p + i < end else { return -i }
            let c = s[p + i]
            if i == 1 {
                guard c >= low && c <= high else { return -1 }
            } else {
                guard c >= 0x80 && c <= 0xBF else { return -i }
            }
            i += 1
        }
        return length
    }

    /// Appends the JSON text `base[start..<end]` without the white space between tokens, as Redshift
    /// loads an object or array into a VARCHAR column. String contents stay as written.
    static func compact(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int, into out: inout ByteBuffer) {
        out.reserve(end - start)
        var p = start
        var inString = false
        while p < end {
            let c = base[p]
            if inString {
                out.appendUnchecked(c)
                if c == 0x5C, p + 1 < end {
                    out.appendUnchecked(base[p + 1])
                    p += 2
                    continue
                }
                if c == 0x22 { inString = false }
            } else if c == 0x22 {
                inString = true
                out.appendUnchecked(c)
            } else if c != 0x20 && c != 0x0A && c != 0x0D && c != 0x09 {
                out.appendUnchecked(c)
            }
            p += 1
        }
    }
}
