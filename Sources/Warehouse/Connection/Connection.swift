import CLibPQ
import Config
import Foundation
import Synchronization

/// A libpq connection to the warehouse (Redshift, or the sandbox's PostgreSQL).
///
/// Every libpq call runs on the connection's own thread, one job after another, so callers may use it
/// from any task; statements queue in submission order. `cancel()` may be called from any thread.
/// The handle is confined to that thread, which is why the class is `@unchecked Sendable`.
public final class Connection: @unchecked Sendable {
    /// `version()` as the server reports it.
    public let serverVersion: String
    /// Detected from `serverVersion` unless forced when opening.
    public let dialect: Dialect
    /// The server process serving this connection (Redshift: the session id in STV_LOAD_STATE).
    public let backendPID: Int

    let thread: ConnectionThread
    /// How it was opened, so `another()` can open one like it.
    private let origin: Origin
    // Only touched on `thread`.
    let handle: OpaquePointer
    let sinks: CallbackSinks
    private let cancelLock = NSLock()
    // Guarded by `cancelLock`; nil once closed.
    private var cancelHandle: OpaquePointer?
    private var closed = false
    /// Cancels asked for by cancelled tasks and not yet through PQcancel. A job starts only once there
    /// are none, so a cancel arriving late never hits the statement after the one it was meant for.
    private let cancelsInFlight = NSCondition()
    // Guarded by `cancelsInFlight`.
    private var cancelsPending = 0

    private struct Origin: Sendable {
        var settings: DatabaseSettings
        var applicationName: String
        var connectTimeoutSeconds: Int
        var observer: StatementObserver?
    }

    private init(handle: OpaquePointer, thread: ConnectionThread, sinks: CallbackSinks, origin: Origin,
                 serverVersion: String, dialect: Dialect, backendPID: Int) {
        self.handle = handle
        self.origin = origin
        self.thread = thread
        self.sinks = sinks
        self.serverVersion = serverVersion
        self.dialect = dialect
        self.backendPID = backendPID
        self.cancelHandle = PQgetCancel(handle)
    }

    /// Connects (TLS required for non-loopback hosts), reads `version()` and detects the dialect.
    /// - Parameters:
    ///   - dialect: forces the dialect instead of detecting it.
    ///   - observer: called once per statement (first line, rows, seconds) for the log.
    public static func open(_ settings: DatabaseSettings, dialect: Dialect? = nil,
                            applicationName: String = "sparkify", connectTimeoutSeconds: Int = 10,
                            observer: StatementObserver? = nil) async throws(DatabaseError) -> Connection {
        let thread = ConnectionThread(name: "libpq \(settings.host):\(settings.port)")
        let sinks = CallbackSinks(observer: observer)
        let parameters = ConnectionParameters(settings, applicationName: applicationName,
                                              connectTimeoutSeconds: connectTimeoutSeconds)
        let target = "\(settings.user)@\(settings.host):\(settings.port)/\(settings.database)"
        let opened: Result<UncheckedHandle, DatabaseError> = await thread.run {
            let handle = parameters.withCArrays { PQconnectdbParams($0, $1, 0) }
            guard let handle else {
                thread.stop()
                return .failure(DatabaseError(kind: .connect, message: "\(target): out of memory"))
            }
            guard PQstatus(handle) == CONNECTION_OK else {
                let message = Self.errorMessage(handle)
                PQfinish(handle)
                thread.stop()
                return .failure(DatabaseError(
                    kind: .connect, message: "\(target): \(message)",
                    hint: "check [CLUSTER] HOST, DB_PORT, DB_NAME, DB_USER and DB_PASSWORD in the config, that the "
                        + "database is running and that its port is open to this machine (`sparkify iac up` opens it)"))
            }
            PQsetNoticeReceiver(handle, { context, result in
                guard let context, let result else { return }
                Unmanaged<CallbackSinks>.fromOpaque(context).takeUnretainedValue().notice(Notice(result))
            }, Unmanaged.passUnretained(sinks).toOpaque())
            return .success(UncheckedHandle(pointer: handle))
        }
        let handle = try opened.get()
        let version: Result<(String, Int), DatabaseError> = await thread.run {
            let start = DispatchTime.now().uptimeNanoseconds
            let result = Self.exec(handle.pointer, "SELECT version()", [])
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            sinks.observe(StatementRecord(firstLine: "SELECT version()", rows: (try? result.get())?.affectedRows,
                                          seconds: seconds, error: result.failure))
            return result.map { ($0.scalar ?? "", Int(PQbackendPID(handle.pointer))) }
        }
        switch version {
        case .success(let (text, pid)):
            let origin = Origin(settings: settings, applicationName: applicationName,
                                connectTimeoutSeconds: connectTimeoutSeconds, observer: observer)
            return Connection(handle: handle.pointer, thread: thread, sinks: sinks, origin: origin, serverVersion: text,
                              dialect: dialect ?? Dialect(versionString: text), backendPID: pid)
        case .failure(let error):
            await thread.run { PQfinish(handle.pointer) }
            thread.stop()
            throw error
        }
    }

    /// One more connection like this one — the same server, user, dialect and statement observer — for
    /// work that runs beside it in a session of its own (the ETL's second transform lane).
    public func another() async throws(DatabaseError) -> Connection {
        try await Self.open(origin.settings, dialect: dialect, applicationName: origin.applicationName,
                            connectTimeoutSeconds: origin.connectTimeoutSeconds, observer: origin.observer)
    }

    deinit {
        if !closed {
            let handle = UncheckedHandle(pointer: handle)
            // The sinks stay alive until PQfinish: libpq holds a pointer to them.
            thread.submit { [sinks] in
                withExtendedLifetime(sinks) { PQfinish(handle.pointer) }
            }
        }
        cancelLock.withLock {
            if let cancelHandle { PQfreeCancel(cancelHandle) }
        }
        thread.stop()
    }

    /// Where notices go (default: dropped). libpq would print them to stderr otherwise.
    public func setNoticeHandler(_ handler: (@Sendable (Notice) -> Void)?) {
        sinks.setNoticeHandler(handler)
    }

    /// Runs one statement with `$1`, `$2`, … parameters sent separately from the SQL (text format; nil is
    /// NULL). Cancelling the calling task cancels the statement on the server.
    @discardableResult
    public func execute(_ sql: String, _ parameters: [String?] = []) async throws(DatabaseError) -> QueryResult {
        try await run(sql, cancellable: true) { handle in Self.exec(handle, sql, parameters) }
    }

    /// Like `execute`, but runs even when the task is cancelled: for ROLLBACK and clean-up.
    @discardableResult
    func executeUncancellable(_ sql: String) async throws(DatabaseError) -> QueryResult {
        try await run(sql, cancellable: false) { handle in Self.exec(handle, sql, []) }
    }

    /// Asks the server to cancel whatever this connection runs right now (PQcancel); the statement then
    /// fails with SQLSTATE 57014. Safe from any thread; blocks briefly while it reaches the server.
    public func cancel() {
        cancelLock.withLock {
            guard let cancelHandle else { return }
            var buffer = [CChar](repeating: 0, count: 256)
            _ = PQcancel(cancelHandle, &buffer, Int32(buffer.count))
        }
    }

    /// Closes the connection; later calls fail with a `.connection` error.
    public func close() async {
        let alreadyClosed = cancelLock.withLock {
            defer { closed = true }
            if let cancelHandle { PQfreeCancel(cancelHandle) }
            cancelHandle = nil
            return closed
        }
        guard !alreadyClosed else { return }
        let handle = UncheckedHandle(pointer: handle)
        await thread.run { PQfinish(handle.pointer) }
    }

    var isClosed: Bool { cancelLock.withLock { closed } }

    /// On the connection thread: the handle, or nil once `close()` has begun (its PQfinish may already
    /// have freed it). Every job checks this when it runs, not when it was queued, after any cancel on
    /// its way to the server has got there (libpq's PQcancel returns once the server has it).
    private func openHandle() -> OpaquePointer? {
        cancelsInFlight.withLock {
            while cancelsPending > 0 { cancelsInFlight.wait() }
        }
        return cancelLock.withLock { closed ? nil : handle }
    }

    /// `cancel()` off the caller's thread (it opens a socket and waits for the server), counted as in
    /// flight from now until it has reached the server.
    private func cancelSoon() {
        cancelsInFlight.withLock { cancelsPending += 1 }
        Thread.detachNewThread { [self] in
            cancel()
            cancelsInFlight.withLock {
                cancelsPending -= 1
                cancelsInFlight.broadcast()
            }
        }
    }

    /// Runs `body` with the open handle on the connection thread.
    func onThread<T: Sendable>(_ statement: String,
                               _ body: @escaping @Sendable (OpaquePointer) -> Result<T, DatabaseError>) async -> Result<T, DatabaseError> {
        await thread.run { [self] in
            guard let handle = openHandle() else {
                return .failure(DatabaseError(kind: .connection, message: "the connection is closed", statement: statement))
            }
            return body(handle)
        }
    }

    /// Queues `body` on the connection thread without waiting; skipped if the connection is closed by then.
    func submitOnThread(_ body: @escaping @Sendable (OpaquePointer) -> Void) {
        thread.submit { [self] in
            if let handle = openHandle() { body(handle) }
        }
    }

    /// Runs `body` on the connection thread, reports it to the observer, and bridges task cancellation
    /// to `cancel()`.
    func run<T: Sendable>(_ sql: String, cancellable: Bool, observed: Bool = true,
                          _ body: @escaping @Sendable (OpaquePointer) -> Result<T, DatabaseError>)
        async throws(DatabaseError) -> T where T: RowCounting
    {
        let firstLine = DatabaseError.firstLine(sql)
        if cancellable && Task.isCancelled {
            throw Self.cancelledBeforeStart(sql)
        }
        guard !isClosed else {
            throw DatabaseError(kind: .connection, message: "the connection is closed", statement: sql)
        }
        let sinks = sinks
        // A task cancelled while its job waits its turn never starts it; one cancelled while it runs
        // cancels it on the server; one cancelled after has nothing left to cancel.
        let job = Mutex(JobState.queued)
        let work: @Sendable () async -> Result<T, DatabaseError> = { [self] in
            await onThread(sql) { handle in
                let cancelled = job.withLock { state in
                    if state == .queued { state = .running }
                    return state == .cancelled
                }
                if cancelled {
                    return .failure(Self.cancelledBeforeStart(sql))
                }
                let start = DispatchTime.now().uptimeNanoseconds
                let result = body(handle)
                job.withLock { $0 = .ended }
                guard observed else { return result }
                let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                switch result {
                case .success(let value):
                    sinks.observe(StatementRecord(firstLine: firstLine, rows: value.rowCount, seconds: seconds, error: nil))
                case .failure(let error):
                    sinks.observe(StatementRecord(firstLine: firstLine, rows: nil, seconds: seconds, error: error))
                }
                return result
            }
        }
        let result: Result<T, DatabaseError>
        if cancellable {
            result = await withTaskCancellationHandler(operation: work) {
                job.withLock { state in
                    switch state {
                    case .queued: state = .cancelled
                    case .running: cancelSoon()
                    case .cancelled, .ended: break
                    }
                }
            }
        } else {
            result = await work()
        }
        return try result.get()
    }

    private enum JobState { case queued, running, cancelled, ended }

    private static func cancelledBeforeStart(_ sql: String) -> DatabaseError {
        DatabaseError(kind: .cancelled, sqlState: SQLState.queryCanceled, message: "the statement was cancelled before it started",
                      statement: sql)
    }

    // MARK: - libpq, on the connection thread

    /// PQexecParams (text format) and the result converted; one statement only.
    static func exec(_ handle: OpaquePointer, _ sql: String, _ parameters: [String?]) -> Result<QueryResult, DatabaseError> {
        let result = withCStrings(parameters) { values in
            PQexecParams(handle, sql, Int32(parameters.count), nil, values, nil, nil, 0)
        }
        defer { PQclear(result) }
        return queryResult(handle, result, sql: sql)
    }

    static func queryResult(_ handle: OpaquePointer, _ result: OpaquePointer?, sql: String) -> Result<QueryResult, DatabaseError> {
        guard let result else {
            return .failure(DatabaseError(kind: .connection, message: errorMessage(handle), statement: sql))
        }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK:
            return .success(QueryResult(affectedRows: affectedRows(result)))
        case PGRES_TUPLES_OK:
            let rowCount = Int(PQntuples(result)), columnCount = Int(PQnfields(result))
            let columns = (0..<columnCount).map { String(cString: PQfname(result, Int32($0))) }
            var rows: [[String?]] = []
            rows.reserveCapacity(rowCount)
            for row in 0..<Int32(rowCount) {
                rows.append((0..<Int32(columnCount)).map { column in
                    PQgetisnull(result, row, column) == 1 ? nil : String(cString: PQgetvalue(result, row, column))
                })
            }
            return .success(QueryResult(columns: columns, rows: rows, affectedRows: affectedRows(result) ?? rowCount))
        case PGRES_EMPTY_QUERY:
            return .success(QueryResult())
        case PGRES_COPY_IN, PGRES_COPY_OUT, PGRES_COPY_BOTH:
            return .failure(DatabaseError(kind: .server, message: "COPY needs copyIn(_:), not execute(_:)", statement: sql))
        default:
            return .failure(error(handle, result, sql: sql))
        }
    }

    /// The typed error for a failed result: SQLSTATE, message, detail, hint.
    static func error(_ handle: OpaquePointer, _ result: OpaquePointer, sql: String) -> DatabaseError {
        func field(_ code: Character) -> String? {
            PQresultErrorField(result, Int32(code.asciiValue!)).map { String(cString: $0) }
        }
        let sqlState = field("C")
        let message = field("M") ?? errorMessage(handle)
        let broken = PQstatus(handle) != CONNECTION_OK
        return DatabaseError(kind: broken && sqlState == nil ? .connection : .server, sqlState: sqlState,
                             message: message, detail: field("D"), hint: field("H"), statement: sql,
                             position: field("P").flatMap { Int($0) })
    }

    static func errorMessage(_ handle: OpaquePointer) -> String {
        String(cString: PQerrorMessage(handle)).trimmingWhitespace
    }

    private static func affectedRows(_ result: OpaquePointer) -> Int? {
        Int(String(cString: PQcmdTuples(result)))
    }

    private static func withCStrings<R>(_ strings: [String?], _ body: (UnsafePointer<UnsafePointer<CChar>?>?) -> R) -> R {
        guard !strings.isEmpty else { return body(nil) }
        let copies = strings.map { $0.map { strdup($0) } ?? nil }
        defer { copies.forEach { free($0) } }
        let pointers = copies.map { $0.map { UnsafePointer($0) } }
        return pointers.withUnsafeBufferPointer { body($0.baseAddress) }
    }
}

extension Result {
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}

/// A libpq handle crossing into the connection thread's jobs; only ever dereferenced there.
struct UncheckedHandle: @unchecked Sendable {
    let pointer: OpaquePointer
}

/// Results that know how many rows they stand for, for the statement log.
protocol RowCounting {
    var rowCount: Int? { get }
}

extension QueryResult: RowCounting {
    var rowCount: Int? { affectedRows }
}

extension Int: RowCounting {
    var rowCount: Int? { self }
}

extension Notice {
    /// From the PGresult libpq hands the notice receiver.
    init(_ result: OpaquePointer) {
        func field(_ code: Character) -> String? {
            PQresultErrorField(result, Int32(code.asciiValue!)).map { String(cString: $0) }
        }
        self.init(severity: field("V") ?? field("S") ?? "NOTICE", sqlState: field("C"),
                  message: field("M") ?? String(cString: PQresultErrorMessage(result)).trimmingWhitespace)
    }
}
