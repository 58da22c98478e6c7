import Foundation

/// Timestamps as the warehouse stores them: `TIMESTAMP` without time zone, in UTC, to the millisecond.
public enum SQLTimestamp {
    /// `2018-11-30 00:22:07.796` for a parameter cast with `::timestamp` / `CAST($1 AS TIMESTAMP)`.
    public static func format(_ date: Date) -> String {
        var seconds = time_t(floor(date.timeIntervalSince1970))
        let millis = Int(((date.timeIntervalSince1970 - Double(seconds)) * 1000).rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return String(format: "%04d-%02d-%02d %02d:%02d:%02d.%03d", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1,
                      Int(parts.tm_mday), Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec), millis)
    }

    /// Parses what the database returns for a TIMESTAMP (`2018-11-30 00:22:07.796`, fraction optional).
    public static func parse(_ text: String) -> Date? {
        let pieces = text.split(separator: ".", maxSplits: 1)
        let fields = pieces.first?.split(whereSeparator: { "- :T".contains($0) }).compactMap { Int($0) } ?? []
        guard fields.count == 6 else { return nil }
        var parts = tm()
        parts.tm_year = Int32(fields[0] - 1900)
        parts.tm_mon = Int32(fields[1] - 1)
        parts.tm_mday = Int32(fields[2])
        parts.tm_hour = Int32(fields[3])
        parts.tm_min = Int32(fields[4])
        parts.tm_sec = Int32(fields[5])
        let fraction = pieces.count == 2 ? Double("0." + pieces[1]) ?? 0 : 0
        return Date(timeIntervalSince1970: Double(timegm(&parts)) + fraction)
    }
}
