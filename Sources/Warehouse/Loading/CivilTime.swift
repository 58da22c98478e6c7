/// Proleptic Gregorian calendar arithmetic (H. Hinnant's days-from-civil algorithms) for turning
/// epoch values into timestamp text and checking dates, without Foundation's calendars.
enum CivilTime {
    static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    static func date(days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// PostgreSQL's and Redshift's timestamp range: 4713 BC to 294276 AD.
    static let microsecondsRange: ClosedRange<Int> = -210_866_803_200_000_000...Int.max

    /// Appends `YYYY-MM-DD HH:MM:SS[.ffffff]` (fraction without trailing zeros; ` BC` before year 1) for
    /// microseconds since 1970-01-01 00:00:00.
    static func appendTimestamp(microseconds: Int, into out: inout ByteBuffer) {
        let perDay = 86_400_000_000
        var days = microseconds / perDay
        var rest = microseconds % perDay
        if rest < 0 {
            rest += perDay
            days -= 1
        }
        let (year, month, day) = date(days: days)
        appendDate(year: year, month: month, day: day, bc: false, into: &out)
        out.append(0x20)
        let seconds = rest / 1_000_000
        let fraction = rest % 1_000_000
        appendTwoDigits(seconds / 3600, into: &out)
        out.append(0x3A)
        appendTwoDigits(seconds / 60 % 60, into: &out)
        out.append(0x3A)
        appendTwoDigits(seconds % 60, into: &out)
        if fraction != 0 {
            out.append(0x2E)
            var digits = fraction, width = 6
            while digits % 10 == 0 {
                digits /= 10
                width -= 1
            }
            appendDigits(digits, width: width, into: &out)
        }
        if year <= 0 { out.append(" BC") }
    }

    /// `YYYY-MM-DD`; years up to 0 are written as their BC year when `bc` is false (astronomical input).
    static func appendDate(year: Int, month: Int, day: Int, bc: Bool, into out: inout ByteBuffer) {
        appendDigits(year <= 0 && !bc ? 1 - year : year, width: 4, into: &out)
        out.append(0x2D)
        appendTwoDigits(month, into: &out)
        out.append(0x2D)
        appendTwoDigits(day, into: &out)
    }

    @inline(__always)
    static func appendTwoDigits(_ value: Int, into out: inout ByteBuffer) {
        out.reserve(2)
        out.appendUnchecked(UInt8(0x30 + value / 10))
        out.appendUnchecked(UInt8(0x30 + value % 10))
    }

    /// Decimal digits of a non-negative value, zero-padded to at least `width`.
    static func appendDigits(_ value: Int, width: Int, into out: inout ByteBuffer) {
        var scratch: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &scratch) { raw in
            var v = value, n = 0
            repeat {
                raw[23 - n] = UInt8(0x30 + v % 10)
                v /= 10
                n += 1
            } while v > 0 && n < 24
            while n < width && n < 24 {
                raw[23 - n] = 0x30
                n += 1
            }
            out.append(raw.baseAddress!.assumingMemoryBound(to: UInt8.self) + 24 - n, count: n)
        }
    }
}
