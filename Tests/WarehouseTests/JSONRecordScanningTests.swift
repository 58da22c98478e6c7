import Testing
@testable import Warehouse

/// How the loader finds JSON records in a file, as Redshift's COPY FROM JSON does.
@Suite("JSON records in a file")
struct JSONRecordScanningTests {
    let columns = [varchar("id"), varchar("name")]

    @Test func concatenatedWithoutSeparators() throws {
        let load = try LoaderHarness.load(#"{"id":1,"name":"a"}{"id":2,"name":"b"}"#, columns: columns)
        #expect(load.rows == [["1", "a"], ["2", "b"]])
        #expect(load.errors.isEmpty)
    }

    @Test func separatedByAnyWhiteSpaceWithOrWithoutTrailingNewline() throws {
        let text = "{\"id\":1}\r\n\t {\"id\":2}  \n\n{\"id\":3}"
        #expect(try LoaderHarness.load(text, columns: columns).rows == [["1", nil], ["2", nil], ["3", nil]])
        #expect(try LoaderHarness.load(text + "\n", columns: columns).rows.count == 3)
    }

    @Test func prettyPrinted() throws {
        let text = """
            {
                "id": 1006410,
                "name": "Amazon Redshift Database Developer Guide"
            }
            {
                "id": 100540,
                "name": "Amazon Simple Storage Service User Guide"
            }
            """
        let load = try LoaderHarness.load(text, columns: columns)
        #expect(load.rows == [["1006410", "Amazon Redshift Database Developer Guide"],
                              ["100540", "Amazon Simple Storage Service User Guide"]])
    }

    @Test func emptyFileWhiteSpaceOnlyAndZeroByteObjectsLoadNothing() throws {
        let load = try LoaderHarness.load([(name: "empty.json", bytes: []), (name: "blank.json", bytes: Array(" \n\n ".utf8))],
                                          columns: columns)
        #expect(load.rows.isEmpty)
        #expect(load.errors.isEmpty)
        #expect(load.summaries == [.init(object: "empty.json", bytes: 0, rows: 0, errors: 0),
                                   .init(object: "blank.json", bytes: 4, rows: 0, errors: 0)])
    }

    @Test(arguments: [1, 2, 3, 5, 7, 16, 64])
    func recordsSplitAcrossChunksAtAnyByte(chunkSize: Int) throws {
        let text = "{\"id\": 1, \"name\": \"caf\u{e9} \\u00e9\\n\"}\n{\n  \"id\": -2.5e3,\n  \"name\": null\n}\n{\"name\":\"x\"}"
        let whole = try LoaderHarness.load(text, columns: columns)
        let split = try LoaderHarness.load(text, columns: columns, chunkSize: chunkSize)
        #expect(split.rows == whole.rows)
        #expect(whole.rows == [["1", "caf\u{e9} \u{e9}\n"], ["-2.5e3", nil], [nil, "x"]])
    }

    @Test func malformedRecordIsAnErrorAndTheNextLineLoads() throws {
        let text = """
            {"id": 1, "name": "ok"}
            {"id": 2 "name": "missing comma"}
            {"id": 3, "name": "ok again"}
            """
        let load = try LoaderHarness.load(text, columns: columns, options: CopyOptions(maxError: 10))
        #expect(load.rows == [["1", "ok"], ["3", "ok again"]])
        #expect(load.errors == [ReportedError(
            object: "s3://bucket/data.json", line: 2, position: 9, rawLine: #"{"id": 2 "name": "missing comma"}"#,
            code: 1216, reason: "Invalid JSON: expected ',' or '}' after a member value at position 9")])
    }

    @Test func textBetweenObjectsIsAnError() throws {
        let load = try LoaderHarness.load("{\"id\":1},\n{\"id\":2}\nnot json\n{\"id\":3}", columns: columns,
                                          options: CopyOptions(maxError: 10))
        #expect(load.rows == [["1", nil], ["2", nil], ["3", nil]])
        #expect(load.errors.map(\.line) == [1, 3])
        #expect(load.errors.map(\.reason) == [
            "Invalid JSON: unexpected character ',' where an object or array should start",
            "Invalid JSON: unexpected character 'n' where an object or array should start",
        ])
    }

    @Test func errorLineIsTheLastLineOfThePrettyPrintedObject() throws {
        let text = """
            {"id": 1}
            {
              "id": "x",
              "name": "y"
            }
            """
        let load = try LoaderHarness.load(text, columns: [LoadColumn(name: "id", type: .integer), varchar("name")],
                                          options: CopyOptions(maxError: 10))
        #expect(load.errors.map(\.line) == [5])
        #expect(load.errors.first?.rawLine == #"{   "id": "x",   "name": "y" }"#)
    }

    @Test func truncatedObjectAtTheEndOfAFile() throws {
        let load = try LoaderHarness.load([(name: "a.json", bytes: Array("{\"id\":1}\n{\"id\":".utf8)),
                                           (name: "b.json", bytes: Array("{\"id\":2}".utf8))],
                                          columns: columns, options: CopyOptions(maxError: 10))
        #expect(load.rows == [["1", nil], ["2", nil]])
        #expect(load.errors.map(\.description) == ["a.json line 2: Invalid JSON: the object ends before its closing bracket (1216)"])
    }

    @Test(arguments: [
        #"{"id": tru}"#, #"{"id": 01}"#, #"{"id": 1.}"#, #"{"id": "a\x"}"#, "{\"id\": \"tab\there\"}",
        #"{"id": 1,}"#, #"{id: 1}"#, #"{"id" 1}"#, #"{"id": [1 2]}"#, #"{"id": -}"#,
    ])
    func invalidJSONSyntax(text: String) throws {
        let load = try LoaderHarness.load(text, columns: columns, options: CopyOptions(maxError: 10))
        #expect(load.rows.isEmpty)
        #expect(load.errors.count == 1)
        #expect(load.errors.first?.code == 1216)
    }

    @Test func escapedKeysMatchColumns() throws {
        #expect(try LoaderHarness.load(#"{"n\u0061me": "escaped key"}"#, columns: columns).rows == [[nil, "escaped key"]])
    }

    @Test func deepNestingIsMalformedNotACrash() throws {
        let text = "{\"id\": " + String(repeating: "[", count: 600) + String(repeating: "]", count: 600) + "}"
        let load = try LoaderHarness.load(text, columns: columns, options: CopyOptions(maxError: 10))
        #expect(load.errors.first?.reason == "Invalid JSON: JSON nested more than 512 levels deep at position \(7 + 511)")
    }

    @Test func objectLargerThanFourMegabytesFailsTheLoad() {
        let text = "{\"name\": \"" + String(repeating: "x", count: 4 * 1024 * 1024) + "\"}"
        #expect(throws: StagingError.self) {
            try LoaderHarness.load(text, columns: columns, chunkSize: 1 << 20)
        }
    }
}
