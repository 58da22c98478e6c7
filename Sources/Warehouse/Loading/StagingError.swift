/// Why a staging load failed. Every case names what the operator needs: the object and line, the
/// table, the option — and says what to do. A failed stage leaves its table as it was.
public enum StagingError: Error, Sendable, CustomStringConvertible {
    /// The JSONPaths file (or one of its expressions) is not what Redshift accepts.
    case invalidJSONPaths(source: String, reason: String)
    /// The JSONPaths file has a different number of expressions than the table has columns.
    case jsonPathsCount(table: String, expressions: Int, columns: Int)
    /// A manifest is malformed or lists a location that is not a whole object URL.
    case invalidManifest(source: String, reason: String)
    /// A COPY option value Redshift would reject.
    case invalidOption(String)
    /// More bad records than MAXERROR allows; `errors` holds them (the last one made the load fail).
    case tooManyErrors(table: String, maxError: Int, errors: [LoadErrorRecord])
    /// One JSON object or array is larger than Redshift's 4 MB limit.
    case objectTooLarge(object: String, line: Int)
    /// A JSONPath array element that is missing or whose parent is not an array.
    case jsonPathIndex(object: String, line: Int, path: String)
    /// A GZIP input that is not valid gzip data.
    case gzip(object: String, reason: String)
    /// Nothing to load at the source location (Redshift fails a COPY whose prefix matches no object).
    case noObjects(location: String)
    /// A manifest entry marked mandatory does not exist.
    case missingObject(object: String)
    /// Listing or reading the input failed.
    case source(object: String?, message: String)
    /// The database refused a statement; `context` says which object/rows were being sent.
    case database(DatabaseError, context: String?)
    /// The load was cancelled; nothing was committed.
    case cancelled

    public var description: String {
        switch self {
        case .invalidJSONPaths(let source, let reason):
            return "JSONPaths file \(source): \(reason). Fix the file (see Redshift's JSONPaths file rules)."
        case .jsonPathsCount(let table, let expressions, let columns):
            return "the JSONPaths file has \(expressions) expressions but \(table) has \(columns) columns: "
                + "give exactly one expression per column, in column order"
        case .invalidManifest(let source, let reason):
            return "manifest \(source): \(reason)"
        case .invalidOption(let message):
            return "invalid COPY option: \(message)"
        case .tooManyErrors(let table, let maxError, let errors):
            let last = errors.last.map { ": \($0.summary)" } ?? ""
            return "loading \(table) failed after \(errors.count) bad record(s) with MAXERROR \(maxError)\(last). "
                + "See the load_errors table for each record; fix the data or raise MAXERROR. \(table) was left as it was."
        case .objectTooLarge(let object, let line):
            return "\(object) line \(line): a JSON object or array is larger than 4 MB, Redshift's limit; split it"
        case .jsonPathIndex(let object, let line, let path):
            return "\(object) line \(line): Invalid JSONPath format: Not an array or index out of range (\(path)). "
                + "Remove array elements from the JSONPaths file that do not exist in the data."
        case .gzip(let object, let reason):
            return "\(object): not valid gzip data (\(reason)); drop GZIP or recompress the object"
        case .noObjects(let location):
            return "no objects to load at \(location): check the [S3] location in the config (Redshift fails such a COPY too)"
        case .missingObject(let object):
            return "\(object) is listed as mandatory in the manifest but does not exist"
        case .source(let object, let message):
            return object.map { "\($0): \(message)" } ?? message
        case .database(let error, let context):
            return context.map { "\(error) (\($0))" } ?? "\(error)"
        case .cancelled:
            return "the load was cancelled; the table was left as it was"
        }
    }
}
