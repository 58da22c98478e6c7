/// One row of `etl_objects`: an object whose rows the staging tables hold.
public struct LoadedObject: Sendable, Equatable {
    public var stage: ETLStage
    /// `s3://bucket/key` or the local path.
    public var key: String
    public var etag: String?
    public var size: Int?
    public var rows: Int?
    public var runID: String

    public init(stage: ETLStage, key: String, etag: String?, size: Int?, rows: Int? = nil, runID: String) {
        self.stage = stage
        self.key = key
        self.etag = etag
        self.size = size
        self.rows = rows
        self.runID = runID
    }
}

/// The `etl_objects` bookkeeping: what was loaded, per object. Each call is one statement or, for
/// `replace`, meant to run inside the caller's transaction together with the load it describes.
public struct LoadedObjectLog: Sendable {
    public let connection: Connection

    public init(connection: Connection) {
        self.connection = connection
    }

    /// Creates etl_objects when missing (databases set up before it existed).
    public func prepare() async throws(DatabaseError) {
        try await connection.execute(DDL.createTable(WarehouseSchema.etlObjects, dialect: connection.dialect, ifNotExists: true))
    }

    /// Every recorded object, by stage and key.
    public func all() async throws(DatabaseError) -> [LoadedObject] {
        let result = try await connection.execute(
            "SELECT stage, object_key, etag, size_bytes, row_count, run_id FROM etl_objects ORDER BY stage, object_key")
        return result.rows.compactMap { row in
            guard let stage = row[0].flatMap(ETLStage.init(rawValue:)), let key = row[1] else { return nil }
            return LoadedObject(stage: stage, key: key, etag: row[2], size: row[3].flatMap { Int($0) },
                                rows: row[4].flatMap { Int($0) }, runID: row[5] ?? "")
        }
    }

    /// Forgets everything: a run that may leave staging out of step with the record starts with this.
    public func clear() async throws(DatabaseError) {
        try await connection.execute("DELETE FROM etl_objects")
    }

    /// Adds `objects` (new keys only: the table's key is stage and object).
    public func append(_ objects: [LoadedObject]) async throws(DatabaseError) {
        for statement in Self.insertStatements(objects) {
            try await connection.execute(statement)
        }
    }

    /// Multi-row INSERTs of at most `batch` objects each, values as literals (one round trip per batch
    /// instead of one per object: a scale-1 song listing is ~15k objects).
    public static func insertStatements(_ objects: [LoadedObject], batch: Int = 500) -> [String] {
        stride(from: 0, to: objects.count, by: batch).map { start in
            let rows = objects[start..<min(start + batch, objects.count)].map { object in
                "(" + [SQLLiteral.quote(object.stage.rawValue), SQLLiteral.quote(object.key),
                       object.etag.map(SQLLiteral.quote) ?? "NULL", object.size.map(String.init) ?? "NULL",
                       object.rows.map(String.init) ?? "NULL", SQLLiteral.quote(object.runID)].joined(separator: ", ") + ")"
            }
            return "INSERT INTO etl_objects (stage, object_key, etag, size_bytes, row_count, run_id) VALUES "
                + rows.joined(separator: ", ")
        }
    }
}
