import Foundation
@testable import Warehouse

/// Runs the loader's pure core over in-memory objects and decodes its COPY text back into rows.
struct ParsedLoad {
    var rows: [[String?]]
    var errors: [ReportedError]
    var summaries: [StagingParser.ObjectSummary]
}

/// A load error without its start time, for literal comparisons.
struct ReportedError: Equatable {
    var object: String
    var line: Int?
    var column: String? = nil
    var type: String? = nil
    var columnLength: String? = nil
    var position: Int? = 0
    var rawLine: String?
    var rawFieldValue: String? = nil
    var code: Int?
    var reason: String
    var description: String

    init(object: String, line: Int?, column: String? = nil, type: String? = nil, columnLength: String? = nil,
         position: Int? = 0, rawLine: String?, rawFieldValue: String? = nil, code: Int?, reason: String) {
        self.object = object
        self.line = line
        self.column = column
        self.type = type
        self.columnLength = columnLength
        self.position = position
        self.rawLine = rawLine
        self.rawFieldValue = rawFieldValue
        self.code = code
        self.reason = reason
        description = LoadErrorRecord(table: "t", startTime: Date(), filename: object, lineNumber: line, columnName: column,
                                      type: type, columnLength: columnLength, position: position, rawLine: rawLine,
                                      rawFieldValue: rawFieldValue, errorCode: code, reason: reason).summary
    }

    init(_ record: LoadErrorRecord) {
        self.init(object: record.filename, line: record.lineNumber, column: record.columnName, type: record.type,
                  columnLength: record.columnLength, position: record.position, rawLine: record.rawLine,
                  rawFieldValue: record.rawFieldValue, code: record.errorCode, reason: record.reason)
    }
}

enum LoaderHarness {
    /// Feeds each object in chunks of `chunkSize` bytes (whole objects when nil).
    static func load(_ objects: [(name: String, bytes: [UInt8])], columns: [LoadColumn],
                     options: CopyOptions = CopyOptions(), chunkSize: Int? = nil) throws(StagingError) -> ParsedLoad {
        let parser = try StagingParser(plan: LoadPlan(table: "t", columns: columns, options: options))
        var summaries: [StagingParser.ObjectSummary] = []
        var output: [UInt8] = []
        for object in objects {
            let size = max(chunkSize ?? object.bytes.count, 1)
            var offset = 0
            repeat {
                let piece = Array(object.bytes[offset..<min(offset + size, object.bytes.count)])
                offset += piece.count
                let last = offset >= object.bytes.count
                if let summary = try parser.consume(ObjectChunk(object: object.name, bytes: piece, isEndOfObject: last)) {
                    summaries.append(summary)
                }
                output += parser.takeOutput()
            } while offset < object.bytes.count
        }
        return ParsedLoad(rows: decodeCopyText(output), errors: parser.errors.map(ReportedError.init), summaries: summaries)
    }

    static func load(_ text: String, columns: [LoadColumn], options: CopyOptions = CopyOptions(),
                     chunkSize: Int? = nil) throws(StagingError) -> ParsedLoad {
        try load([(name: "s3://bucket/data.json", bytes: Array(text.utf8))], columns: columns, options: options,
                 chunkSize: chunkSize)
    }

    /// PostgreSQL COPY text format: rows end in newlines, fields are tab-separated, `\N` is NULL.
    static func decodeCopyText(_ bytes: [UInt8]) -> [[String?]] {
        guard !bytes.isEmpty else { return [] }
        var rows: [[String?]] = []
        for line in bytes.split(separator: 0x0A, omittingEmptySubsequences: false).dropLast() {
            rows.append(line.split(separator: 0x09, omittingEmptySubsequences: false).map { field in
                if Array(field) == [0x5C, 0x4E] { return nil }
                var decoded: [UInt8] = []
                var escaped = false
                for byte in field {
                    if escaped {
                        switch byte {
                        case 0x6E: decoded.append(0x0A)
                        case 0x74: decoded.append(0x09)
                        case 0x72: decoded.append(0x0D)
                        default: decoded.append(byte)
                        }
                        escaped = false
                    } else if byte == 0x5C {
                        escaped = true
                    } else {
                        decoded.append(byte)
                    }
                }
                return String(decoding: decoded, as: UTF8.self)
            })
        }
        return rows
    }
}

func varchar(_ name: String, _ maxBytes: Int? = 256) -> LoadColumn {
    LoadColumn(name: name, type: .varchar(maxBytes: maxBytes))
}
