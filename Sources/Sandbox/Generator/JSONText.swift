/// Appends JSON the way Sparkify's files are written: ASCII only (`\u` escapes, lowercase hex, surrogate
/// pairs above the BMP), `/` escaped as `\/`, numbers written from integers so that no float formatting
/// (and no locale) is involved. Appending to a byte buffer keeps the hot path free of `String` building.
struct JSONText {
    private(set) var bytes: [UInt8] = []

    init(reservingCapacity capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
    }

    mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func byte(_ value: UInt8) {
        bytes.append(value)
    }

    mutating func append(_ fragment: [UInt8]) {
        bytes.append(contentsOf: fragment)
    }

    mutating func null() {
        raw("null")
    }

    mutating func string(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        var value = value
        let plain = value.withUTF8 { utf8 in
            // Fast path: printable ASCII without characters that need escaping.
            for byte in utf8 where byte < 0x20 || byte >= 0x7F || byte == 0x22 || byte == 0x5C || byte == 0x2F {
                return false
            }
            bytes.append(contentsOf: utf8)
            return true
        }
        if !plain { escaped(value) }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func escaped(_ value: String) {
        for scalar in value.unicodeScalars {
            switch scalar.value {
            case 0x22: raw("\\\"")
            case 0x5C: raw("\\\\")
            case 0x2F: raw("\\/")
            case 0x08: raw("\\b")
            case 0x0C: raw("\\f")
            case 0x0A: raw("\\n")
            case 0x0D: raw("\\r")
            case 0x09: raw("\\t")
            case 0x20..<0x7F: bytes.append(UInt8(scalar.value))
            case 0x10000...:
                let offset = scalar.value - 0x10000
                unicodeEscape(0xD800 + (offset >> 10))
                unicodeEscape(0xDC00 + (offset & 0x3FF))
            default: unicodeEscape(scalar.value)
            }
        }
    }

    mutating func optionalString(_ value: String?) {
        if let value { string(value) } else { null() }
    }

    mutating func integer(_ value: Int) {
        if value < 0 {
            bytes.append(UInt8(ascii: "-"))
        }
        var magnitude = value.magnitude
        let start = bytes.count
        repeat {
            bytes.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
        } while magnitude > 0
        bytes[start...].reverse()
    }

    /// A decimal number given as an integer count of 10^-`scale` units, written as the shortest decimal
    /// form (Python's float repr for these values): 17763220 at scale 5 → `177.6322`, 20000000 → `200.0`.
    mutating func decimal(_ units: Int, scale: Int) {
        var divisor = 1
        for _ in 0..<scale { divisor *= 10 }
        if units < 0 {
            bytes.append(UInt8(ascii: "-"))
        }
        let magnitude = Int(units.magnitude)
        integer(magnitude / divisor)
        bytes.append(UInt8(ascii: "."))
        var fraction = magnitude % divisor
        var width = scale
        while width > 1 && fraction % 10 == 0 {
            fraction /= 10
            width -= 1
        }
        let start = bytes.count
        for _ in 0..<width {
            bytes.append(UInt8(ascii: "0") + UInt8(fraction % 10))
            fraction /= 10
        }
        bytes[start...].reverse()
    }

    private mutating func unicodeEscape(_ value: UInt32) {
        raw("\\u")
        for shift in stride(from: 12, through: 0, by: -4) {
            let nibble = UInt8((value >> UInt32(shift)) & 0xF)
            bytes.append(nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10)
        }
    }
}
