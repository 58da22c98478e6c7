import Foundation
import Testing
@testable import Warehouse

/// Redshift's COPY FROM JSON conversions, each with a small hand-written file.
@Suite("COPY JSON semantics")
struct CopySemanticsTests {
    // MARK: Mapping keys to columns

    @Test func autoMatchesLowerCaseColumnNamesCaseSensitively() throws {
        let columns = [varchar("firstName"), varchar("level")]
        let text = #"{"firstName": "Jayden", "level": "free", "extra": 1}"#
        // Redshift's column names are lower case: 'auto' does not match "firstName".
        #expect(try LoaderHarness.load(text, columns: columns).rows == [[nil, "free"]])
        #expect(try LoaderHarness.load(#"{"firstname": "J"}"#, columns: columns).rows == [["J", nil]])
        let ignoringCase = try LoaderHarness.load(text, columns: columns, options: CopyOptions(format: .autoIgnoreCase))
        #expect(ignoringCase.rows == [["Jayden", "free"]])
    }

    @Test func missingKeysAreNullAndExtraKeysAreIgnored() throws {
        let load = try LoaderHarness.load(#"{"b": "x", "z": {"deep": [1, 2]}}"#, columns: [varchar("a"), varchar("b")])
        #expect(load.rows == [[nil, "x"]])
    }

    @Test func jsonPathsMapByPositionIncludingNestedAndArrayElements() throws {
        let paths = try ["$['id']", "$['store']['book']['title']", "$['location'][0]", "$['location'][1]"]
            .map(JSONPath.init(parsing:))
        let text = #"{"location": [51.5, -0.12], "id": 7, "store": {"book": {"title": "T", "isbn": "x"}}}"#
        let load = try LoaderHarness.load(text, columns: [varchar("a"), varchar("b"), varchar("c"), varchar("d")],
                                          options: CopyOptions(format: .paths(paths)))
        #expect(load.rows == [["7", "T", "51.5", "-0.12"]])
    }

    @Test func twoExpressionsMayNameTheSameElement() throws {
        let paths = try ["$.a", "$.a"].map(JSONPath.init(parsing:))
        let load = try LoaderHarness.load(#"{"a": "x"}"#, columns: [varchar("one"), varchar("two")],
                                          options: CopyOptions(format: .paths(paths)))
        #expect(load.rows == [["x", "x"]])
    }

    @Test func topLevelArraysNeedJSONPaths() throws {
        let columns = [varchar("id"), varchar("title")]
        let paths = try ["$[0]", "$[1]"].map(JSONPath.init(parsing:))
        let text = "[1006410, \"Redshift Guide\"]\n[100540, \"S3 Guide\"]"
        #expect(try LoaderHarness.load(text, columns: columns, options: CopyOptions(format: .paths(paths))).rows
            == [["1006410", "Redshift Guide"], ["100540", "S3 Guide"]])
        let auto = try LoaderHarness.load(text, columns: columns, options: CopyOptions(maxError: 5))
        #expect(auto.rows.isEmpty)
        #expect(auto.errors.map(\.reason) == Array(repeating: "Invalid JSON: a JSON array needs a JSONPaths file to map it to columns", count: 2))
    }

    @Test func missingArrayElementFailsTheLoadButMissingParentIsNull() throws {
        let paths = try ["$.id", "$.tags[2]"].map(JSONPath.init(parsing:))
        let options = CopyOptions(format: .paths(paths))
        let columns = [varchar("id"), varchar("tag")]
        #expect(try LoaderHarness.load(#"{"id": 1}"#, columns: columns, options: options).rows == [["1", nil]])
        #expect(try LoaderHarness.load(#"{"id": 1, "tags": null}"#, columns: columns, options: options).rows == [["1", nil]])
        do {
            _ = try LoaderHarness.load("{\"id\": 1, \"tags\": [\"a\"]}\n", columns: columns, options: options)
            Issue.record("expected the load to fail")
        } catch {
            #expect(error.description == "s3://bucket/data.json line 1: Invalid JSONPath format: Not an array or index out of range ($.tags[2]). Remove array elements from the JSONPaths file that do not exist in the data.")
        }
    }

    // MARK: Conversions

    @Test func numbersIntoVarcharKeepTheirText() throws {
        let load = try LoaderHarness.load(#"{"a": 1540991795796.0, "b": -1.5E-7, "c": 0}"#,
                                          columns: [varchar("a"), varchar("b"), varchar("c")])
        #expect(load.rows == [["1540991795796.0", "-1.5E-7", "0"]])
    }

    @Test func booleansAndNestedValuesIntoVarchar() throws {
        let text = """
            {"flag": true, "off": false,
             "tags": [ "nisi", "culpa" ],
             "friend": { "id": 1, "name": "Re\\"naldo" }}
            """
        let load = try LoaderHarness.load(text, columns: [varchar("flag"), varchar("off"), varchar("tags"), varchar("friend")])
        #expect(load.rows == [["true", "false", #"["nisi","culpa"]"#, #"{"id":1,"name":"Re\"naldo"}"#]])
    }

    @Test func typedColumns() throws {
        let columns = [
            LoadColumn(name: "i", type: .integer), LoadColumn(name: "s", type: .smallint), LoadColumn(name: "b", type: .bigint),
            LoadColumn(name: "d", type: .double), LoadColumn(name: "r", type: .real), LoadColumn(name: "ok", type: .boolean),
            LoadColumn(name: "n", type: .decimal(precision: 5, scale: 2)), LoadColumn(name: "day", type: .date),
        ]
        let text = #"{"i": "42", "s": -7, "b": 9007199254740993, "d": 1.5e300, "r": "2.5", "ok": "yes", "n": 123.456, "day": "2018-11-30"}"#
        #expect(try LoaderHarness.load(text, columns: columns).rows
            == [["42", "-7", "9007199254740993", "1.5e300", "2.5", "t", "123.45", "2018-11-30"]])
    }

    @Test func emptyAndBlankStringsIntoNonCharacterColumnsAreNull() throws {
        let load = try LoaderHarness.load(#"{"i": "", "d": "  "}"#,
                                          columns: [LoadColumn(name: "i", type: .integer), LoadColumn(name: "d", type: .double)])
        #expect(load.rows == [[nil, nil]])
    }

    @Test func emptyAsNullAndBlanksAsNull() throws {
        let text = #"{"e": "", "b": "  \t", "s": "x"}"#
        let columns = [varchar("e"), varchar("b"), varchar("s")]
        #expect(try LoaderHarness.load(text, columns: columns).rows == [["", "  \t", "x"]])
        #expect(try LoaderHarness.load(text, columns: columns, options: CopyOptions(emptyAsNull: true)).rows == [[nil, "  \t", "x"]])
        #expect(try LoaderHarness.load(text, columns: columns, options: CopyOptions(blanksAsNull: true)).rows == [["", nil, "x"]])
    }

    @Test func timeFormats() throws {
        let columns = [LoadColumn(name: "ts", type: .timestamp)]
        let millis = CopyOptions(timeFormat: .epochMilliseconds)
        #expect(try LoaderHarness.load(#"{"ts": 1543537327796}{"ts": 1543537327000}{"ts": -1}"#, columns: columns, options: millis).rows
            == [["2018-11-30 00:22:07.796"], ["2018-11-30 00:22:07"], ["1969-12-31 23:59:59.999"]])
        #expect(try LoaderHarness.load(#"{"ts": 1543537327}{"ts": "1543537327.5"}"#, columns: columns,
                                       options: CopyOptions(timeFormat: .epochSeconds)).rows
            == [["2018-11-30 00:22:07"], ["2018-11-30 00:22:07.5"]])
        #expect(try LoaderHarness.load(#"{"ts": "2018-11-30 00:22:07.796"}"#, columns: columns).rows
            == [["2018-11-30 00:22:07.796"]])
        #expect(try LoaderHarness.load(#"{"ts": "2018-11-30T00:22Z"}"#, columns: columns, options: CopyOptions(timeFormat: .auto)).rows
            == [["2018-11-30 00:22:00"]])
    }

    @Test(arguments: [
        (#"{"ts": 1.5e12}"#, "Invalid timestamp format or value [epochmillisecs]: '1.5e12'"),
        (#"{"ts": "soon"}"#, "Invalid timestamp format or value [epochmillisecs]: 'soon'"),
        (#"{"ts": true}"#, "Invalid timestamp format or value [epochmillisecs]: 'true'"),
    ])
    func badTimestamps(text: String, reason: String) throws {
        let load = try LoaderHarness.load(text, columns: [LoadColumn(name: "ts", type: .timestamp)],
                                          options: CopyOptions(timeFormat: .epochMilliseconds, maxError: 2))
        #expect(load.errors.map(\.reason) == [reason])
        #expect(load.errors.map(\.code) == [1206])
    }

    @Test func februaryThirtiethIsALoadErrorNotADatabaseError() throws {
        let load = try LoaderHarness.load(#"{"ts": "2018-02-30 00:00:00"}"#, columns: [LoadColumn(name: "ts", type: .timestamp)],
                                          options: CopyOptions(maxError: 2))
        #expect(load.errors.map(\.code) == [1206])
    }

    @Test func valueOfTheWrongTypeIsALoadErrorNamingColumnLineAndValue() throws {
        let text = "{\"sessionId\": 1, \"page\": \"Home\"}\n{\"sessionId\": \"abc\", \"page\": \"NextSong\"}"
        let columns = [LoadColumn(name: "sessionId", type: .integer), varchar("page", 64)]
        let load = try LoaderHarness.load(text, columns: columns, options: CopyOptions(format: .autoIgnoreCase, maxError: 2))
        #expect(load.rows == [["1", "Home"]])
        #expect(load.errors == [ReportedError(
            object: "s3://bucket/data.json", line: 2, column: "sessionId", type: "int4", position: 0,
            rawLine: #"{"sessionId": "abc", "page": "NextSong"}"#, rawFieldValue: "abc", code: 1207,
            reason: "Invalid digit, Value 'a', Pos 0, Type: Integer")])
    }

    @Test(arguments: [
        (#"{"n": 1.5}"#, LoadColumnType.integer, 1207, "Invalid digit, Value '.', Pos 1, Type: Integer"),
        (#"{"n": 40000}"#, .smallint, 1204, "Overflow, Value '40000' out of range for type Short"),
        (#"{"n": 99999999999999999999}"#, .bigint, 1204, "Overflow, Value '99999999999999999999' out of range for type Long"),
        (#"{"n": 1e999}"#, .double, 1204, "Value '1e999' is out of range for type Double"),
        (#"{"n": 1e39}"#, .real, 1204, "Value '1e39' is out of range for type Real"),
        (#"{"n": 12345.6}"#, .decimal(precision: 5, scale: 2), 1204, "Numeric data overflow (result precision)"),
        (#"{"n": "maybe"}"#, .boolean, 1210, "Invalid boolean value 'maybe'"),
        (#"{"n": {"a": 1}}"#, .integer, 1207, "Invalid digit, Value '{', Pos 0, Type: Integer"),
    ])
    func valuesThatDoNotFit(text: String, type: LoadColumnType, code: Int, reason: String) throws {
        let load = try LoaderHarness.load(text, columns: [LoadColumn(name: "n", type: type)], options: CopyOptions(maxError: 2))
        #expect(load.rows.isEmpty)
        #expect(load.errors.map(\.code) == [code])
        #expect(load.errors.map(\.reason) == [reason])
    }

    @Test func overLongValueIsAnErrorUnlessTruncateColumns() throws {
        let text = #"{"gender": "female"}{"gender": "caf\u00e9s"}"#
        let columns = [varchar("gender", 4)]
        let strict = try LoaderHarness.load(text, columns: columns, options: CopyOptions(maxError: 5))
        #expect(strict.rows.isEmpty)
        #expect(strict.errors.map(\.reason) == ["String length exceeds DDL length", "String length exceeds DDL length"])
        #expect(strict.errors.map(\.columnLength) == ["4", "4"])
        // Lengths are bytes, as in Redshift; a cut never splits a character.
        let truncated = try LoaderHarness.load(text, columns: columns, options: CopyOptions(truncateColumns: true))
        #expect(truncated.rows == [["fema"], ["caf"]])
    }

    @Test func invalidUTF8IsAnErrorUnlessAcceptInvChars() throws {
        let bytes: [UInt8] = Array(#"{"a": "ok", "b": "x"#.utf8) + [0xE9, 0x41] + Array(#"y"}"#.utf8)
        let columns = [varchar("a"), varchar("b")]
        let strict = try LoaderHarness.load([(name: "latin1.json", bytes: bytes)], columns: columns, options: CopyOptions(maxError: 2))
        #expect(strict.errors.map(\.reason) == ["String contains invalid or unsupported UTF8 codepoints. Bad UTF8 hex sequence: e9"])
        #expect(strict.errors.map(\.code) == [1220])
        let accepting = try LoaderHarness.load([(name: "latin1.json", bytes: bytes)], columns: columns,
                                               options: CopyOptions(acceptInvalidCharacters: UInt8(ascii: "?")))
        #expect(accepting.rows == [["ok", "x?Ay"]])
        let nul = try LoaderHarness.load(#"{"a": "nul\u0000"}"#, columns: columns, options: CopyOptions(acceptInvalidCharacters: UInt8(ascii: "^")))
        #expect(nul.rows == [["nul^", nil]])
    }

    @Test func escapesDecodeAndCopyTextStaysIntact() throws {
        let text = #"{"a": "tab\there\nnew \\ back \/ slash \"q\" \ud83c\udfb5 \u00e9"}"#
        #expect(try LoaderHarness.load(text, columns: [varchar("a")]).rows
            == [["tab\there\nnew \\ back / slash \"q\" \u{1F3B5} \u{e9}"]])
    }

    // MARK: MAXERROR

    @Test func maxErrorZeroFailsOnTheFirstBadRecord() {
        do {
            _ = try LoaderHarness.load("{\"i\": 1}\n{\"i\": \"x\"}\n{\"i\": 3}", columns: [LoadColumn(name: "i", type: .integer)])
            Issue.record("expected the load to fail")
        } catch {
            guard case .tooManyErrors(let table, let maxError, let errors) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(table == "t")
            #expect(maxError == 0)
            #expect(errors.map(\.lineNumber) == [2])
            #expect(error.description.hasPrefix("loading t failed after 1 bad record(s) with MAXERROR 0: s3://bucket/data.json line 2, column i: Invalid digit"))
        }
    }

    @Test func maxErrorNFailsAtTheNthBadRecordAsTheDocsSay() throws {
        let columns = [LoadColumn(name: "i", type: .integer)]
        let twoBad = "{\"i\": \"x\"}\n{\"i\": 2}\n{\"i\": \"y\"}"
        #expect(try LoaderHarness.load(twoBad, columns: columns, options: CopyOptions(maxError: 3)).errors.count == 2)
        #expect(throws: StagingError.self) { try LoaderHarness.load(twoBad, columns: columns, options: CopyOptions(maxError: 2)) }
        #expect(throws: StagingError.self) { try LoaderHarness.load(twoBad, columns: columns, options: CopyOptions(maxError: 1)) }
    }

    // MARK: GZIP

    @Test func gzipObjectsIncludingConcatenatedMembers() throws {
        let first = try gzip(Array("{\"a\": \"one\"}\n".utf8))
        let second = try gzip(Array("{\"a\": \"two\"}".utf8))
        let load = try LoaderHarness.load([(name: "log.json.gz", bytes: first + second)], columns: [varchar("a")],
                                          options: CopyOptions(gzip: true), chunkSize: 7)
        #expect(load.rows == [["one"], ["two"]])
        #expect(throws: StagingError.self) {
            try LoaderHarness.load([(name: "plain.json", bytes: Array("{\"a\": 1}".utf8))], columns: [varchar("a")],
                                   options: CopyOptions(gzip: true))
        }
        #expect(throws: StagingError.self) {
            try LoaderHarness.load([(name: "cut.json.gz", bytes: Array(first.dropLast(4)))], columns: [varchar("a")],
                                   options: CopyOptions(gzip: true))
        }
    }

    private func gzip(_ bytes: [UInt8]) throws -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-c"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(bytes))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Array(data)
    }
}
