import Foundation

/// How far this machine's clock is from AWS's, for `RequestTimeTooSkewed`: AWS's time from the error's
/// `<ServerTime>` (S3) or the answer's `Date` header, against the time the request was signed with. Pure.
enum ClockSkew {
    static func describe(signedAt: Date, head: HTTPResponseHead, body: Data) -> String? {
        let error = body.isEmpty ? nil : try? XMLElement.parse(body)
        let serverTime = error?.first("ServerTime").flatMap { S3Timestamp.iso8601($0.text) }
        guard let server = serverTime ?? head.header("Date").flatMap(S3Timestamp.httpDate) else { return nil }
        // S3 echoes the request's own time (whole seconds, as signed): compare like with like.
        let requestTime = error?.first("RequestTime").flatMap { amzDate($0.text) }
        return text(local: requestTime ?? signedAt, server: server)
    }

    /// `20231114T221320Z` (the `X-Amz-Date` form).
    static func amzDate(_ text: String) -> Date? {
        let characters = Array(text)
        guard characters.count == 16, characters[8] == "T", characters[15] == "Z" else { return nil }
        let date = String(characters[0..<4]) + "-" + String(characters[4..<6]) + "-" + String(characters[6..<8])
        let time = String(characters[9..<11]) + ":" + String(characters[11..<13]) + ":" + String(characters[13..<15])
        return S3Timestamp.iso8601(date + "T" + time + "Z")
    }

    /// "this machine's clock is 20 min 3 s behind AWS's".
    static func text(local: Date, server: Date) -> String {
        let difference = Int(server.timeIntervalSince(local).rounded())
        let magnitude = abs(difference)
        var parts: [String] = []
        if magnitude >= 3600 { parts.append("\(magnitude / 3600) h") }
        if magnitude >= 60 { parts.append("\(magnitude % 3600 / 60) min") }
        parts.append("\(magnitude % 60) s")
        return "this machine's clock is \(parts.joined(separator: " ")) \(difference > 0 ? "behind" : "ahead of") AWS's"
    }
}
