import Foundation

// TEMPORARY stand-in for the db helper's Connection types until they land in main; delete on merge.
public struct DatabaseError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
    public var isCancellation: Bool { false }
}

public enum Dialect: Sendable { case postgres, redshift }

public struct QueryResult: Sendable {
    public var rows: [[String?]] = []
    public var affectedRows: Int?
}

public final class Connection: @unchecked Sendable {
    public var dialect: Dialect { .postgres }
    public var backendPID: Int { 0 }
    @discardableResult
    public func execute(_ sql: String, _ parameters: [String?] = []) async throws(DatabaseError) -> QueryResult { fatalError() }
    public func copyIn(_ sql: String) async throws(DatabaseError) -> CopyIn { fatalError() }
    public func transaction<T>(isolation: isolated (any Actor)? = #isolation,
                               _ body: (Connection) async throws -> T) async throws -> T { fatalError() }
}

public final class CopyIn: @unchecked Sendable {
    public func send<Bytes: Collection>(_ bytes: Bytes) async throws(DatabaseError) where Bytes.Element == UInt8 { fatalError() }
    public func finish() async throws(DatabaseError) -> Int { fatalError() }
    public func abort(message: String) async { fatalError() }
}

// Copied from the db helper's Runs/LoadErrorRecord.swift (their type is the one that lands).
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

public enum LoadErrorLog {
    public static func insert(_ records: [LoadErrorRecord], runID: String?, on connection: Connection) async throws(DatabaseError) { fatalError() }
}
