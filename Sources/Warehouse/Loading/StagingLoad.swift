import Foundation

/// The client-side COPY for PostgreSQL: streams objects' chunks through the parser on a thread of its
/// own while the connection sends the previous buffer, inside one transaction that first empties the
/// table. Failure or cancellation rolls back, so the table keeps its previous rows; bad records are
/// written to `load_errors` afterwards (outside the rolled-back transaction, as Redshift's
/// STL_LOAD_ERRORS keeps them).
public struct StagingLoad: Sendable {
    /// Progress from the parse thread: one event per finished object.
    public typealias EventHandler = @Sendable (StagingParser.ObjectSummary) -> Void

    public let connection: Connection
    public let plan: LoadPlan
    /// Recorded with each load error (`load_errors.run_id`).
    public var runID: String?
    public var onObject: EventHandler

    /// Encoded rows are handed to the connection in batches of about this many bytes.
    static let batchBytes = 512 * 1024
    /// How often a running COPY asks whether its backend is still there.
    static let probeInterval = Duration.milliseconds(250)

    public init(connection: Connection, plan: LoadPlan, runID: String? = nil, onObject: @escaping EventHandler = { _ in }) {
        self.connection = connection
        self.plan = plan
        self.runID = runID
        self.onObject = onObject
    }

    /// What a finished load did.
    public struct Result: Sendable, Equatable {
        public var table: String
        /// Rows PostgreSQL's COPY inserted.
        public var rows: Int
        public var objects: Int
        public var bytes: Int
        /// Bad records skipped under MAXERROR (also in load_errors).
        public var skipped: [LoadErrorRecord]
        /// Rows with invalid UTF-8 replaced (ACCEPTINVCHARS).
        public var rowsWithReplacements: Int
    }

    /// Loads everything sent into `input` until it is finished. The producer fills `input`; when the load
    /// fails or is cancelled, `input` is failed too, so a producer blocked in `send` stops.
    public func run(_ input: BoundedChannel<ObjectChunk>) async throws(StagingError) -> Result {
        let startedAt = Date()
        let outcome = ParseOutcome()
        let started = Started()
        let output = BoundedChannel<[UInt8]>(capacity: 4)
        let stop: @Sendable (any Error) -> Void = { error in
            input.fail(error)
            output.fail(error)
        }
        do {
            try plan.validate()
            let rows = try await withTaskCancellationHandler {
                try await connection.transaction { connection in
                    try await connection.execute(plan.clearStatement)
                    let copy = try await connection.copyIn(plan.copyStatement)
                    // A lost backend fails the COPY within a probe interval even while no batch is written,
                    // and failing the channels stops the parser and whoever fills `input` (#9).
                    let watchdog = Task {
                        while !Task.isCancelled {
                            try? await Task.sleep(for: Self.probeInterval)
                            if let error = await copy.probe() { return stop(error) }
                        }
                    }
                    do {
                        startParsing(input, output, outcome, startedAt: startedAt)
                        started.set()
                        while let batch = try await output.receive() {
                            try await copy.send(batch)
                        }
                        watchdog.cancel()
                        try Task.checkCancellation()
                        return try await copy.finish()
                    } catch {
                        watchdog.cancel()
                        stop(error)
                        await copy.abort(message: "staging load failed on the client")
                        throw error
                    }
                }
            } onCancel: {
                stop(CancellationError())
            }
            let report = await outcome.value(started: started.value)
            try await recordErrors(report.errors)
            return Result(table: plan.table, rows: rows, objects: report.objects, bytes: report.bytes,
                          skipped: report.errors, rowsWithReplacements: report.rowsWithReplacements)
        } catch {
            stop(error)
            let failure = Self.stagingError(error, cancelled: Task.isCancelled)
            // Even a failed load leaves its bad records on record, as STL_LOAD_ERRORS does.
            try? await recordErrors(await outcome.value(started: started.value).errors)
            throw failure
        }
    }

    /// Starts the parse thread: chunks from `input`, batches of COPY text into `output`.
    private func startParsing(_ input: BoundedChannel<ObjectChunk>, _ output: BoundedChannel<[UInt8]>, _ outcome: ParseOutcome,
                              startedAt: Date) {
        let plan = plan
        let onObject = onObject
        let thread = Thread {
            var parser: StagingParser?
            do {
                let current = try StagingParser(plan: plan)
                current.startTime = startedAt
                parser = current
                var objects = 0
                while let chunk = try input.receiveBlocking() {
                    if let summary = try current.consume(chunk) {
                        objects += 1
                        onObject(summary)
                    }
                    if current.outputCount >= Self.batchBytes { try output.sendBlocking(current.takeOutput()) }
                }
                if current.outputCount > 0 { try output.sendBlocking(current.takeOutput()) }
                outcome.end(current, objects: objects)
                output.finish()
            } catch {
                outcome.end(parser, objects: 0)
                input.fail(error)
                output.fail(error)
            }
        }
        thread.name = "sparkify staging parser (\(plan.table))"
        // Deeply nested JSON recurses; 512 levels fit easily in this.
        thread.stackSize = 16 << 20
        thread.start()
    }

    private func recordErrors(_ errors: [LoadErrorRecord]) async throws(DatabaseError) {
        guard !errors.isEmpty else { return }
        try await LoadErrorLog.insert(errors, runID: runID, on: connection)
    }

    static func stagingError(_ error: any Error, cancelled: Bool) -> StagingError {
        switch error {
        case let error as StagingError: return error
        case is CancellationError: return .cancelled
        case let error as DatabaseError: return error.isCancellation || cancelled ? .cancelled : .database(error, context: nil)
        default: return cancelled ? .cancelled : .source(object: nil, message: "\(error)")
        }
    }
}

/// What the parse thread found, read by the load once the thread has ended.
private final class ParseOutcome: @unchecked Sendable {
    struct Report {
        var errors: [LoadErrorRecord] = []
        var objects = 0
        var bytes = 0
        var rowsWithReplacements = 0
    }

    private let lock = NSLock()
    // Guarded by `lock`.
    private var report = Report()
    private var ended = false
    private var waiter: CheckedContinuation<Void, Never>?

    /// Called once by the parse thread as it ends.
    func end(_ parser: StagingParser?, objects: Int) {
        let waiter: CheckedContinuation<Void, Never>? = lock.withLock {
            if let parser {
                report = Report(errors: parser.errors, objects: objects, bytes: parser.bytes,
                                rowsWithReplacements: parser.rowsWithReplacements)
            }
            ended = true
            defer { self.waiter = nil }
            return self.waiter
        }
        waiter?.resume()
    }

    /// The report, once the parse thread has ended (at once if it never started).
    func value(started: Bool) async -> Report {
        if started {
            await withCheckedContinuation { continuation in
                let done = lock.withLock {
                    if !ended { waiter = continuation }
                    return ended
                }
                if done { continuation.resume() }
            }
        }
        return lock.withLock { report }
    }
}

/// Whether the parse thread was started (it is, once the COPY has begun).
private final class Started: @unchecked Sendable {
    private let lock = NSLock()
    private var started = false

    func set() { lock.withLock { started = true } }
    var value: Bool { lock.withLock { started } }
}
