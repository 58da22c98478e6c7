/// What is wrong with the configuration, where, and what to do. Messages never contain secret values.
public enum ConfigError: Error, Equatable, Sendable, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case malformed(source: String, line: Int, reason: String)
    case missing(location: String, hint: String)
    case invalid(location: String, value: String, reason: String)
    /// A whole `[SECTION]` the command needs is absent from `source`.
    case missingSection(source: String, section: String, hint: String)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason):
            return "cannot read \(path): \(reason)"
        case .malformed(let source, let line, let reason):
            return "\(source) line \(line): \(reason). Fix that line (INI: [SECTION] headers, KEY=value lines)."
        case .missing(let location, let hint):
            return "\(location) is missing: \(hint)"
        case .invalid(let location, let value, let reason):
            return "\(location) = '\(value)': \(reason)"
        case .missingSection(let source, let section, let hint):
            return "\(source) has no [\(section)] section: \(hint)"
        }
    }
}
