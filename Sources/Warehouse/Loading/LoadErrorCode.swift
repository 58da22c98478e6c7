/// Redshift's load error codes (r_Load_Error_Reference) that the client-side loader reports in
/// `load_errors.err_code`.
enum LoadErrorCode {
    /// Input data exceeded the acceptable range for the data type (also: string longer than DDL length).
    static let outOfRange = 1204
    static let dateFormat = 1205
    static let timestampFormat = 1206
    /// Data contained a value outside of the expected range of 0-9.
    static let invalidDigit = 1207
    static let floatFormat = 1208
    static let decimalFormat = 1209
    static let booleanFormat = 1210
    /// Input line is not valid (malformed JSON, or text outside a JSON object).
    static let invalidLine = 1216
    /// String contains invalid or unsupported UTF-8 codepoints.
    static let invalidUTF8 = 1220
}

extension LoadErrorRecord {
    /// "s3://b/log.json line 7, column ts: Invalid digit, Value 'x', Pos 0, Type: Integer (1207)" — where a
    /// bad record is and why, for messages.
    public var summary: String {
        let line = lineNumber.map { " line \($0)" } ?? ""
        let column = columnName.map { ", column \($0)" } ?? ""
        let code = errorCode.map { " (\($0))" } ?? ""
        return "\(filename)\(line)\(column): \(reason)\(code)"
    }
}
