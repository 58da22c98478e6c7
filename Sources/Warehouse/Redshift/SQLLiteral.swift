/// A string as a Redshift (or PostgreSQL) SQL literal. Redshift treats a backslash inside quotes as an
/// escape character, so both `'` and `\` are doubled; a NUL byte cannot be sent at all.
public enum SQLLiteral {
    public static func quote(_ text: String) -> String {
        var escaped = "'"
        for scalar in text.unicodeScalars where scalar != "\0" {
            switch scalar {
            case "'": escaped += "''"
            case "\\": escaped += "\\\\"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped + "'"
    }
}
