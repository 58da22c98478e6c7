/// One bad input record, shaped like a row of Redshift's STL_LOAD_ERRORS: where it is (object and
/// line), which column failed and how, and the raw text. Recorded in the `load_errors` table.
public struct LoadErrorRecord: Sendable, Equatable, CustomStringConvertible {
    /// `filename`: the S3 URI or file path of the object.
    public var object: String
    /// `line_number`: for JSON, the last line of the object that caused the error (1-based).
    public var line: Int
    /// `colname`: the column whose value failed; empty when the JSON itself is malformed.
    public var column: String
    /// `type`: the column's data type (`int4`, `varchar`, …); empty for malformed JSON.
    public var type: String
    /// `col_length`: the declared length where the type has one.
    public var columnLength: String
    /// `position`: where in the field (or, for malformed JSON, in the raw line) the error is, 0-based.
    public var position: Int
    /// `raw_line`: the record's text, at most 1024 characters, multi-byte characters as periods.
    public var rawLine: String
    /// `raw_field_value`: the value before conversion, at most 1024 characters.
    public var rawFieldValue: String
    /// `err_code`: Redshift's load error code (1204 range, 1206 timestamp, 1207 digit, 1216 line, …).
    public var code: Int
    /// `err_reason`: at most 100 characters.
    public var reason: String

    public init(object: String, line: Int, column: String = "", type: String = "", columnLength: String = "",
                position: Int = 0, rawLine: String, rawFieldValue: String = "", code: Int, reason: String) {
        self.object = object
        self.line = line
        self.column = column
        self.type = type
        self.columnLength = columnLength
        self.position = position
        self.rawLine = rawLine
        self.rawFieldValue = rawFieldValue
        self.code = code
        self.reason = String(reason.prefix(100))
    }

    /// "s3://b/log.json line 7, column ts: Invalid digit, Value 'x', Pos 0, Type: Integer (1207)".
    public var description: String {
        let field = column.isEmpty ? "" : ", column \(column)"
        return "\(object) line \(line)\(field): \(reason) (\(code))"
    }
}

/// Redshift's load error codes (r_Load_Error_Reference) that the loader reports.
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
