import Foundation

/// The client-side COPY's pure core: turns the chunks of staged objects into PostgreSQL COPY text rows
/// with Redshift's JSON semantics, and bad records into STL_LOAD_ERRORS-shaped records.
///
/// A file holds any number of JSON objects (or arrays, with JSONPaths) separated by white space or
/// nothing, compact or pretty-printed. A record split across chunks waits for the next chunk. After a
/// malformed record the parser skips to the next line that starts with `{` or `[`; the skipped text is
/// one error. Errors count towards MAXERROR; the first one too many throws `tooManyErrors`.
///
/// Single-threaded and synchronous: the staging load runs it on a thread of its own.
public final class StagingParser {
    /// What one object contributed, reported when its last chunk has been consumed.
    public struct ObjectSummary: Sendable, Equatable {
        public var object: String
        /// Bytes as received (compressed, for GZIP).
        public var bytes: Int
        public var rows: Int
        public var errors: Int
    }

    /// Redshift's limit for one JSON object or array.
    public static let maximumRecordBytes = 4 * 1024 * 1024

    public let plan: LoadPlan
    /// Every bad record so far, in the order found.
    public private(set) var errors: [LoadErrorRecord] = []
    /// Rows encoded so far.
    public private(set) var rows = 0
    /// Input bytes consumed so far (as received).
    public private(set) var bytes = 0
    /// When the load started: `load_errors.starttime` of its bad records.
    public var startTime = Date()

    private let locator: FieldLocator
    private var encoder: FieldEncoder
    private let slots: UnsafeMutablePointer<FieldSlot>
    private let visits: UnsafeMutablePointer<ValueKind>
    private let tracksVisits: Bool
    private let arraysNeedPaths: Bool
    private var out = ByteBuffer(capacity: 1 << 20)
    private var objects: [String: ObjectState] = [:]

    private final class ObjectState {
        let name: String
        /// Bytes not consumed yet: an incomplete record, or decompressed data.
        var pending = ByteBuffer(capacity: 0)
        /// The line number at the start of `pending`.
        var line = 1
        /// Resynchronizing after a malformed record.
        var skipping = false
        /// An incomplete record is not rescanned before `pending` holds this many bytes.
        var retryAt = 0
        var bytes = 0, rows = 0, errors = 0
        let inflater: GzipInflater?

        init(name: String, gzip: Bool) {
            self.name = name
            inflater = gzip ? GzipInflater() : nil
        }

        deinit { pending.release() }
    }

    public init(plan: LoadPlan) throws(StagingError) {
        try plan.validate()
        self.plan = plan
        locator = FieldLocator(columns: plan.columns.map(\.name), format: plan.options.format)
        encoder = FieldEncoder(types: plan.columns.map(\.type), options: plan.options)
        slots = .allocate(capacity: max(plan.columns.count, 1))
        visits = .allocate(capacity: locator.nodeCount)
        tracksVisits = !locator.elementPaths.isEmpty
        if case .paths = plan.options.format { arraysNeedPaths = false } else { arraysNeedPaths = true }
    }

    deinit {
        slots.deallocate()
        visits.deallocate()
        encoder.release()
        out.release()
    }

    /// Rows whose invalid UTF-8 was replaced (ACCEPTINVCHARS).
    public var rowsWithReplacements: Int { encoder.rowsWithReplacements }

    /// Encoded rows waiting to be sent.
    public var outputCount: Int { out.count }

    /// Hands over the encoded rows (whole rows only) and starts a new batch.
    public func takeOutput() -> [UInt8] { out.take() }

    /// Consumes one chunk. Returns the object's summary when the chunk was its last.
    /// Throws when the load must stop: too many bad records, an object over 4 MB, a JSONPath array
    /// element out of range, invalid gzip data.
    @discardableResult
    public func consume(_ chunk: ObjectChunk) throws(StagingError) -> ObjectSummary? {
        let state: ObjectState
        if let existing = objects[chunk.object] {
            state = existing
        } else {
            state = ObjectState(name: chunk.object, gzip: plan.options.gzip)
            objects[chunk.object] = state
        }
        state.bytes += chunk.bytes.count
        bytes += chunk.bytes.count
        let final = chunk.isEndOfObject

        if let inflater = state.inflater {
            do {
                try chunk.bytes.withUnsafeBufferPointer { (input) throws(GzipFailure) in
                    try inflater.inflate(input, into: &state.pending)
                }
                if final { try inflater.finish() }
            } catch {
                throw .gzip(object: state.name, reason: error.reason)
            }
            if final || state.pending.count >= state.retryAt { try parsePending(state, final: final) }
        } else if state.pending.count == 0 {
            // The common case: parse straight from the chunk and keep only an incomplete tail.
            try chunk.bytes.withUnsafeBufferPointer { (input) throws(StagingError) in
                guard let base = input.baseAddress else { return }
                let consumed = try parse(base, input.count, state, final: final)
                if consumed < input.count {
                    state.pending.append(base + consumed, count: input.count - consumed)
                    state.retryAt = final ? 0 : min(2 * (input.count - consumed), Self.maximumRecordBytes + 1)
                }
            }
        } else {
            chunk.bytes.withUnsafeBufferPointer { input in
                if let base = input.baseAddress { state.pending.append(base, count: input.count) }
            }
            if final || state.pending.count >= state.retryAt { try parsePending(state, final: final) }
        }

        guard final else { return nil }
        objects[chunk.object] = nil
        return ObjectSummary(object: state.name, bytes: state.bytes, rows: state.rows, errors: state.errors)
    }

    private func parsePending(_ state: ObjectState, final: Bool) throws(StagingError) {
        let consumed = try parse(UnsafePointer(state.pending.base), state.pending.count, state, final: final)
        let left = state.pending.count - consumed
        state.pending.removeFirst(consumed)
        state.retryAt = final ? 0 : min(2 * left, Self.maximumRecordBytes + 1)
    }

    /// Parses whole records from `base[0..<end]`; returns how many bytes were consumed (the rest is an
    /// incomplete record, or part of a line being skipped).
    private func parse(_ base: UnsafePointer<UInt8>, _ end: Int, _ state: ObjectState, final: Bool) throws(StagingError) -> Int {
        var p = 0
        var line = state.line
        defer { state.line = line }
        while p < end {
            if state.skipping {
                // Skip to the next line whose first non-blank byte opens an object or array.
                var q = p
                while q < end && base[q] != 0x0A { q += 1 }
                guard q < end else { return end }
                line += 1
                var r = q + 1
                while r < end && (base[r] == 0x20 || base[r] == 0x09 || base[r] == 0x0D) { r += 1 }
                guard r < end else { return final ? end : q + 1 }
                p = q + 1
                if base[r] == 0x7B || base[r] == 0x5B { state.skipping = false }
                continue
            }
            var scanner = JSONRecordScanner(base: base, end: end, tables: locator.tables, slots: slots, visits: visits,
                                            tracksVisits: tracksVisits, line: line)
            p = scanner.skipWhitespace(p)
            line = scanner.line
            guard p < end else { break }
            let opener = base[p]
            guard opener == 0x7B || opener == 0x5B else {
                try record(state, line: line, rawLine: Self.rawLine(base, p, Self.lineEnd(base, p, end)),
                           code: LoadErrorCode.invalidLine,
                           reason: Self.isByteOrderMark(base, p, end)
                               // load_errors.err_reason holds 100 characters, as STL_LOAD_ERRORS does.
                               ? "Invalid JSON: a UTF-8 byte order mark (EF BB BF); save the file as UTF-8 without a BOM"
                               : "Invalid JSON: unexpected character '\(Self.printable(opener))' where an object or array should start")
                state.skipping = true
                continue
            }
            for column in 0..<plan.columns.count { slots[column] = FieldSlot(kind: .missing, start: 0, end: 0) }
            if tracksVisits { visits.initialize(repeating: .missing, count: locator.nodeCount) }
            let recordEnd = scanner.scanRecord(p)
            if recordEnd < 0 {
                if scanner.status == .incomplete {
                    if !final {
                        if end - p > Self.maximumRecordBytes { throw .objectTooLarge(object: state.name, line: line) }
                        return p
                    }
                    try record(state, line: scanner.line, position: end - p, rawLine: Self.rawLine(base, p, end),
                               code: LoadErrorCode.invalidLine, reason: "Invalid JSON: the object ends before its closing bracket")
                    line = scanner.line
                    return end
                }
                try record(state, line: scanner.line, position: scanner.failurePosition - p,
                           rawLine: Self.rawLine(base, p, Self.lineEnd(base, scanner.failurePosition, end)),
                           code: LoadErrorCode.invalidLine,
                           reason: "Invalid JSON: \(scanner.failureReason) at position \(scanner.failurePosition - p)")
                line = scanner.line
                p = scanner.failurePosition
                state.skipping = true
                continue
            }
            line = scanner.line
            if recordEnd - p > Self.maximumRecordBytes { throw .objectTooLarge(object: state.name, line: line) }
            if tracksVisits { try checkElementPaths(state, line: line) }
            if opener == 0x5B && arraysNeedPaths {
                try record(state, line: line, rawLine: Self.rawLine(base, p, recordEnd), code: LoadErrorCode.invalidLine,
                           reason: "Invalid JSON: a JSON array needs a JSONPaths file to map it to columns")
            } else if let failure = encoder.encodeRow(base, slots, into: &out) {
                let column = plan.columns[failure.column]
                let slot = slots[failure.column]
                try record(state, line: line, column: column, position: failure.position,
                           rawLine: Self.rawLine(base, p, recordEnd), rawFieldValue: Self.rawText(base, slot.start, slot.end),
                           code: failure.code, reason: failure.reason)
            } else {
                rows += 1
                state.rows += 1
            }
            p = recordEnd
        }
        return p
    }

    /// Redshift fails the whole load when a JSONPath names an array element whose parent is present
    /// but is not an array, or has no such element.
    private func checkElementPaths(_ state: ObjectState, line: Int) throws(StagingError) {
        for element in locator.elementPaths where visits[element.node] == .missing {
            let parent = visits[element.parent]
            if parent != .missing && parent != .null {
                throw .jsonPathIndex(object: state.name, line: line, path: element.path)
            }
        }
    }

    private func record(_ state: ObjectState, line: Int, column: LoadColumn? = nil, position: Int = 0, rawLine: String,
                        rawFieldValue: String? = nil, code: Int, reason: String) throws(StagingError) {
        errors.append(LoadErrorRecord(table: plan.table, startTime: startTime, filename: state.name, lineNumber: line,
                                      columnName: column?.name, type: column?.type.errorTypeName,
                                      columnLength: column?.type.errorLength, position: position, rawLine: rawLine,
                                      rawFieldValue: rawFieldValue, errorCode: code, reason: String(reason.prefix(100))))
        state.errors += 1
        if errors.count > plan.options.toleratedErrors {
            throw .tooManyErrors(table: plan.table, maxError: plan.options.maxError, errors: errors)
        }
    }

    /// STL_LOAD_ERRORS' raw_line: the record's text, at most 1024 characters, multi-byte characters as
    /// periods, control characters (newlines of pretty-printed JSON) as spaces.
    static func rawLine(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> String {
        var text: [UInt8] = []
        var p = start
        while p < end && text.count < 1024 {
            let c = base[p]
            if c >= 0x80 {
                text.append(0x2E)
                p += 1
                while p < end && base[p] & 0xC0 == 0x80 { p += 1 }
                continue
            }
            text.append(c < 0x20 ? 0x20 : c)
            p += 1
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// The end of the line holding `p` (the newline's position, or `end`).
    static func lineEnd(_ base: UnsafePointer<UInt8>, _ p: Int, _ end: Int) -> Int {
        var q = p
        while q < end && base[q] != 0x0A { q += 1 }
        return q
    }

    /// raw_field_value: the value as written in the input, at most 1024 bytes of valid UTF-8.
    static func rawText(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> String {
        var text = String(decoding: UnsafeBufferPointer(start: base + start, count: min(end - start, 1024)), as: UTF8.self)
        while text.utf8.count > 1024 { text.removeLast() }
        return text
    }

    /// EF BB BF at `p`: Windows tools put one before UTF-8 text; named as what it is, not as "0xef".
    static func isByteOrderMark(_ base: UnsafePointer<UInt8>, _ p: Int, _ end: Int) -> Bool {
        end - p >= 3 && base[p] == 0xEF && base[p + 1] == 0xBB && base[p + 2] == 0xBF
    }

    static func printable(_ c: UInt8) -> String {
        c >= 0x20 && c < 0x7F ? String(UnicodeScalar(c)) : "0x" + String(c, radix: 16)
    }
}
