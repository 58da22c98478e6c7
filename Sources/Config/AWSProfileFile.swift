/// One of the AWS CLI's shared files as the CLI reads it: `~/.aws/config` (`[default]`,
/// `[profile NAME]`) or `~/.aws/credentials` (`[NAME]`). Profile names keep their case (the CLI's are
/// case-sensitive), keys are lower-cased, values are taken as written (no unquoting); indented lines
/// belong to a nested setting (`s3 =` …) that sparkify does not use. Parsing is pure.
public struct AWSProfileFile: Sendable, Equatable {
    public enum Kind: Sendable { case config, credentials }

    /// Profile name → key → value.
    public private(set) var profiles: [String: [String: String]] = [:]
    /// The path, for messages.
    public let source: String

    public init(parsing text: String, kind: Kind, source: String) throws(ConfigError) {
        self.source = source
        var profile: String?
        var number = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            let line = rawLine.trimmingWhitespace()
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            // A nested setting's lines (`s3 =` then indented `max_concurrent_requests = 20`).
            if rawLine.first == " " || rawLine.first == "\t" { continue }
            if line.hasPrefix("[") {
                guard line.hasSuffix("]"), line.count > 2 else {
                    throw .malformed(source: source, line: number, reason: "section header '\(line)' must look like [profile NAME]")
                }
                profile = Self.profileName(String(line.dropFirst().dropLast()).trimmingWhitespace(), kind: kind)
                if let profile { profiles[profile] = profiles[profile] ?? [:] }
                continue
            }
            guard let separator = line.firstIndex(of: "=") else {
                throw .malformed(source: source, line: number, reason: "expected key = value")
            }
            guard let profile else { continue }
            let key = String(line[..<separator]).trimmingWhitespace().lowercased()
            profiles[profile]?[key] = String(line[line.index(after: separator)...]).trimmingWhitespace()
        }
    }

    /// The profile a section header names; nil for sections that are not profiles (`[sso-session x]`).
    static func profileName(_ header: String, kind: Kind) -> String? {
        if kind == .credentials { return header }
        if header == "default" { return "default" }
        guard header.hasPrefix("profile ") else { return nil }
        return String(header.dropFirst("profile ".count)).trimmingWhitespace()
    }

    public subscript(profile: String) -> [String: String]? { profiles[profile] }
}
