import Foundation

/// One row of STL_LOAD_ERRORS, and equally of our `load_errors` table (same columns).
public struct LoadErrorRecord: Sendable, Equatable {
    public var table: String
    public var startTime: Date
    public var filename: String
    public var lineNumber: Int?
    public var columnName: String?
    public var type: String?
    public var columnLength: String?
    public var position: Int?
    public var rawLine: String?
    public var rawFieldValue: String?
    public var errorCode: Int?
    public var reason: String

    public init(table: String, startTime: Date, filename: String, lineNumber: Int?, columnName: String?, type: String?,
                columnLength: String?, position: Int?, rawLine: String?, rawFieldValue: String?, errorCode: Int?,
                reason: String) {
        self.table = table
        self.startTime = startTime
        self.filename = filename
        self.lineNumber = lineNumber
        self.columnName = columnName
        self.type = type
        self.columnLength = columnLength
        self.position = position
        self.rawLine = rawLine
        self.rawFieldValue = rawFieldValue
        self.errorCode = errorCode
        self.reason = reason
    }
}
