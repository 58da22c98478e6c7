/// A failure talking to the warehouse database, with what the operator needs to act on it: the
/// SQLSTATE, the server's message, detail and hint, and the first line of the statement that failed.
/// Messages never contain the password (libpq never echoes it, and statements carry no secrets).
public struct DatabaseError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        /// The connection could not be established (host, port, TLS, authentication).
        case connect
        /// The server rejected a statement; `sqlState` says why.
        case server
        /// The connection broke or was used after `close()`.
        case connection
        /// The client gave up before the statement ran (its task was cancelled).
        case cancelled
    }

    public var kind: Kind
    /// Five-character SQLSTATE (`PG_DIAG_SQLSTATE`), e.g. `57014` for a cancelled statement.
    public var sqlState: String?
    public var message: String
    public var detail: String?
    public var hint: String?
    /// The first line of the statement, so the log shows which one failed without dumping a script.
    public var statement: String?
    /// `PG_DIAG_STATEMENT_POSITION`: where in the statement the error is, in characters from 1 (for a
    /// caret under it); nil when the server names no position.
    public var position: Int?

    public init(kind: Kind, sqlState: String? = nil, message: String, detail: String? = nil,
                hint: String? = nil, statement: String? = nil, position: Int? = nil) {
        self.kind = kind
        self.sqlState = sqlState
        self.message = message
        self.detail = detail
        self.hint = hint
        self.statement = statement.map(Self.firstLine)
        self.position = position
    }

    /// The statement was cancelled (by `Connection.cancel()`, a timeout, or the operator).
    public var isCancellation: Bool { kind == .cancelled || sqlState == SQLState.queryCanceled }

    public var description: String {
        var text: String
        switch kind {
        case .connect: text = "cannot connect to the database: \(message)"
        case .connection: text = "database connection failed: \(message)"
        case .cancelled: text = "cancelled: \(message)"
        case .server: text = "database error \(sqlState ?? "?????"): \(message)"
        }
        if let detail, !detail.isEmpty { text += "\n  detail: \(detail)" }
        if let hint, !hint.isEmpty { text += "\n  hint: \(hint)" }
        if let statement, !statement.isEmpty { text += "\n  statement: \(statement)" }
        return text
    }

    /// The first non-blank line of `sql`, trimmed, and at most 200 characters.
    public static func firstLine(_ sql: String) -> String {
        let line = sql.split(whereSeparator: \.isNewline)
            .first { !$0.allSatisfy(\.isWhitespace) }
            .map { String($0).trimmingWhitespace } ?? ""
        return line.count > 200 ? String(line.prefix(199)) + "…" : line
    }
}

/// SQLSTATE codes the program reacts to.
public enum SQLState {
    public static let queryCanceled = "57014"
    public static let undefinedTable = "42P01"
    public static let uniqueViolation = "23505"
    public static let insufficientPrivilege = "42501"
    public static let adminShutdown = "57P01"
    /// A write inside a `BEGIN READ ONLY` transaction.
    public static let readOnlyTransaction = "25006"
    public static let syntaxError = "42601"
}

extension String {
    var trimmingWhitespace: String {
        var text = Substring(self)
        while text.first?.isWhitespace == true { text = text.dropFirst() }
        while text.last?.isWhitespace == true { text = text.dropLast() }
        return String(text)
    }
}
