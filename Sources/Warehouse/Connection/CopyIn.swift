import CLibPQ
import Foundation

/// A running `COPY table (columns) FROM STDIN`: bytes in COPY's text (or CSV) format go in with `send`,
/// then `finish()` commits the statement or `abort(message:)` makes the server discard it.
///
/// Bytes are gathered into ~256 KB buffers; a full buffer is written by the connection thread while
/// the caller fills the next one, so encoding and network writes overlap, and at most two buffers
/// exist at a time (back-pressure: `send` waits when the previous buffer is still being written).
/// An error the server raises mid-stream (a bad value) surfaces at `finish`: libpq only reads the server's
/// answer then. A broken connection or a cancel fails the next `send`. The loader validates rows itself,
/// so server-side rejections are the exception. One writer at a time: concurrent `send`s are safe but
/// their bytes interleave in no particular order.
public final class CopyIn: @unchecked Sendable {
    /// The bytes handed to one `PQputCopyData` call.
    public static let bufferSize = 256 * 1024

    private let connection: Connection
    private let statement: String
    private let started = DispatchTime.now().uptimeNanoseconds
    private let lock = NSLock()
    // Guarded by `lock`.
    private var buffer: [UInt8] = []
    private var inFlight: WriteCompletion?
    private var failure: DatabaseError?
    private var ended = false
    private var sent = 0

    init(connection: Connection, statement: String) {
        self.connection = connection
        self.statement = statement
        buffer.reserveCapacity(Self.bufferSize)
    }

    deinit {
        // Abandoned without finish() or abort(): end the COPY so the connection stays usable.
        if !ended {
            connection.submitOnThread { handle in
                _ = PQputCopyEnd(handle, "COPY abandoned by the client")
                Self.drainResults(handle, statement: "")
            }
        }
    }

    /// Bytes accepted so far (buffered or written).
    public var bytesSent: Int { lock.withLock { sent } }

    /// Queues `bytes` (any number of whole or partial rows). Waits only when a full buffer is ready
    /// and the previous one is still being written.
    public func send<Bytes: Collection>(_ bytes: Bytes) async throws(DatabaseError) where Bytes.Element == UInt8 {
        let step: Result<(chunk: [UInt8], previous: WriteCompletion?)?, DatabaseError> = lock.withLock {
            if let error = failure ?? endedError() { return .failure(error) }
            buffer.append(contentsOf: bytes)
            sent += bytes.count
            guard buffer.count >= Self.bufferSize else { return .success(nil) }
            return .success((takeBuffer(), inFlight))
        }
        guard let ready = try step.get() else { return }
        if let previous = ready.previous, let error = await previous.wait() { throw recordFailure(error) }
        write(ready.chunk)
    }

    /// Ends the data, waits for the server, and returns the rows it copied.
    public func finish() async throws(DatabaseError) -> Int {
        let step: Result<(chunk: [UInt8], previous: WriteCompletion?), DatabaseError> = lock.withLock {
            if let error = failure ?? endedError() { return .failure(error) }
            ended = true
            return .success((takeBuffer(), inFlight))
        }
        let (chunk, previous) = try step.get()
        if let previous, let error = await previous.wait() { throw recordFailure(error) }
        let statement = statement
        let result: Result<Int, DatabaseError> = await connection.onThread(statement) { handle in
            if !chunk.isEmpty, let error = Self.put(handle, chunk, statement: statement) {
                return .failure(error)
            }
            guard PQputCopyEnd(handle, nil) == 1 else {
                return .failure(Self.drainResults(handle, statement: statement)
                    ?? DatabaseError(kind: .connection, message: Connection.errorMessage(handle), statement: statement))
            }
            var rows = 0
            if let error = Self.drainResults(handle, statement: statement, rows: &rows) { return .failure(error) }
            return .success(rows)
        }
        report(result)
        return try result.get()
    }

    /// Makes the server discard everything sent (the COPY fails with `message`); the connection stays
    /// usable. For cancellation and for errors found on the client side.
    public func abort(message: String) async {
        let state: (alreadyEnded: Bool, previous: WriteCompletion?) = lock.withLock {
            defer { ended = true; buffer = [] }
            return (ended, inFlight)
        }
        guard !state.alreadyEnded else { return }
        _ = await state.previous?.wait()
        let statement = statement
        _ = await connection.onThread(statement) { handle -> Result<Int, DatabaseError> in
            _ = PQputCopyEnd(handle, message)
            _ = Self.drainResults(handle, statement: statement)
            return .success(0)
        }
        report(.failure(DatabaseError(kind: .cancelled, sqlState: SQLState.queryCanceled,
                                      message: "COPY aborted: \(message)", statement: statement)))
    }

    /// Whether the server is still there, asked without waiting: nil when it is (or the COPY is over),
    /// else the error, which every later `send` then reports. For the quiet stretches of a COPY, when no
    /// buffer is written for seconds (small objects arriving slowly) and nothing else would notice that
    /// the backend was terminated or the server stopped.
    public func probe() async -> DatabaseError? {
        if lock.withLock({ failure != nil || ended }) { return nil }
        let statement = statement
        let result: Result<Int, DatabaseError> = await connection.onThread(statement) { [self] handle in
            // Queued behind a finish or abort: the COPY is over, and its reply is theirs to read.
            if lock.withLock({ ended }) { return .success(0) }
            return Self.serverTrouble(handle, statement: statement).map { .failure($0) } ?? .success(0)
        }
        guard case .failure(let error) = result else { return nil }
        return recordFailure(error)
    }

    // MARK: - Internals

    /// Called with `lock` held.
    private func endedError() -> DatabaseError? {
        ended ? DatabaseError(kind: .connection, message: "COPY already ended", statement: statement) : nil
    }

    /// Called with `lock` held.
    private func takeBuffer() -> [UInt8] {
        let chunk = buffer
        buffer = []
        buffer.reserveCapacity(Self.bufferSize)
        return chunk
    }

    private func write(_ chunk: [UInt8]) {
        let completion = WriteCompletion()
        lock.withLock { inFlight = completion }
        let statement = statement
        let connection = connection
        connection.thread.submit {
            let result = connection.isClosed
                ? DatabaseError(kind: .connection, message: "the connection is closed", statement: statement)
                : Self.put(connection.handle, chunk, statement: statement)
            completion.complete(result)
        }
    }

    private func recordFailure(_ error: DatabaseError) -> DatabaseError {
        lock.withLock {
            if failure == nil {
                failure = error
                ended = true
            }
        }
        report(.failure(error))
        return error
    }

    private func report(_ result: Result<Int, DatabaseError>) {
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        let firstLine = DatabaseError.firstLine(statement)
        switch result {
        case .success(let rows):
            connection.sinks.observe(StatementRecord(firstLine: firstLine, rows: rows, seconds: seconds, error: nil))
        case .failure(let error):
            connection.sinks.observe(StatementRecord(firstLine: firstLine, rows: nil, seconds: seconds, error: error))
        }
    }

    /// PQputCopyData; on failure the COPY is over and its error is collected from the results.
    private static func put(_ handle: OpaquePointer, _ chunk: [UInt8], statement: String) -> DatabaseError? {
        let status = chunk.withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { PQputCopyData(handle, $0.baseAddress, Int32($0.count)) }
        }
        // libpq (12+) swallows a failed write so it can read the server's last words later: a terminated
        // backend or a stopped server would go unnoticed until the COPY ends. Reading what has arrived
        // (nothing, normally, during COPY IN) finds the closed socket now.
        if status == 1 { return serverTrouble(handle, statement: statement) }
        return drainResults(handle, statement: statement)
            ?? DatabaseError(kind: .connection, message: Connection.errorMessage(handle), statement: statement)
    }

    /// What has gone wrong on the server's side of a running COPY, if anything. During COPY IN the server
    /// only speaks to report an error (a terminated backend says why, then closes). libpq keeps such a
    /// message unread until the COPY ends, and reports the closed socket instead, so on a plain (non-TLS)
    /// socket a pending ErrorResponse is peeked at first and read by ending the COPY: the operator gets the
    /// server's own words ("terminating connection due to administrator command").
    static func serverTrouble(_ handle: OpaquePointer, statement: String) -> DatabaseError? {
        var first: UInt8 = 0
        if PQsslInUse(handle) == 0, recv(PQsocket(handle), &first, 1, Int32(MSG_PEEK | MSG_DONTWAIT)) == 1,
           first == UInt8(ascii: "E") {
            _ = PQputCopyEnd(handle, "the server reported an error")
            return drainResults(handle, statement: statement)
                ?? DatabaseError(kind: .connection, message: Connection.errorMessage(handle), statement: statement)
        }
        if PQconsumeInput(handle) != 0, PQstatus(handle) == CONNECTION_OK { return nil }
        return drainResults(handle, statement: statement)
            ?? DatabaseError(kind: .connection, message: Connection.errorMessage(handle), statement: statement)
    }

    /// Reads every pending result (libpq requires it before the next command) and returns the first error.
    @discardableResult
    static func drainResults(_ handle: OpaquePointer, statement: String) -> DatabaseError? {
        var rows = 0
        return drainResults(handle, statement: statement, rows: &rows)
    }

    static func drainResults(_ handle: OpaquePointer, statement: String, rows: inout Int) -> DatabaseError? {
        var firstError: DatabaseError?
        while let result = PQgetResult(handle) {
            defer { PQclear(result) }
            switch PQresultStatus(result) {
            case PGRES_COMMAND_OK:
                rows = Int(String(cString: PQcmdTuples(result))) ?? 0
            case PGRES_COPY_IN:
                // Still copying (a put failed on the client side): end it so the connection recovers.
                _ = PQputCopyEnd(handle, "client error")
            default:
                if firstError == nil { firstError = Connection.error(handle, result, sql: statement) }
            }
            if PQstatus(handle) != CONNECTION_OK { break }
        }
        return firstError
    }
}

extension Connection {
    /// Starts `COPY … FROM STDIN` (text or CSV format, as the statement says) and returns the stream to
    /// write rows into. The connection runs nothing else until the COPY finishes or is aborted.
    public func copyIn(_ sql: String) async throws(DatabaseError) -> CopyIn {
        let statement = sql
        let _: Int = try await run(sql, cancellable: true, observed: false) { handle in
            guard let result = PQexec(handle, statement) else {
                return .failure(DatabaseError(kind: .connection, message: Connection.errorMessage(handle), statement: statement))
            }
            defer { PQclear(result) }
            guard PQresultStatus(result) == PGRES_COPY_IN else {
                let error = PQresultStatus(result) == PGRES_FATAL_ERROR
                    ? Connection.error(handle, result, sql: statement)
                    : DatabaseError(kind: .server, message: "not a COPY … FROM STDIN statement", statement: statement)
                CopyIn.drainResults(handle, statement: statement)
                return .failure(error)
            }
            return .success(0)
        }
        return CopyIn(connection: self, statement: sql)
    }
}

/// The outcome of one buffer's write, awaited before the next buffer is written.
final class WriteCompletion: @unchecked Sendable {
    private let lock = NSLock()
    // Guarded by `lock`.
    private var outcome: DatabaseError??
    private var waiter: CheckedContinuation<DatabaseError?, Never>?

    func complete(_ error: DatabaseError?) {
        let waiter: CheckedContinuation<DatabaseError?, Never>? = lock.withLock {
            outcome = .some(error)
            defer { self.waiter = nil }
            return self.waiter
        }
        waiter?.resume(returning: error)
    }

    func wait() async -> DatabaseError? {
        await withCheckedContinuation { continuation in
            let done: DatabaseError?? = lock.withLock {
                if outcome == nil { waiter = continuation }
                return outcome
            }
            if let done { continuation.resume(returning: done) }
        }
    }
}
