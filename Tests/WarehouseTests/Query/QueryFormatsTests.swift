import Testing
@testable import Warehouse

@Suite("Query answers as table, CSV and JSON")
struct QueryFormatsTests {
    static let answer = QueryAnswer(
        columns: [QueryColumn(name: "level", type: "varchar"), QueryColumn(name: "count", type: "int8"),
                  QueryColumn(name: "note", type: "text")],
        rows: [["free", "1229", ""], ["paid", "5591", nil], ["a,b", "7", "say \"hi\"\nbye"]],
        command: "SELECT 3", seconds: 0.0123)

    @Test func csvKeepsNullApartFromTheEmptyString() {
        #expect(Self.answer.csv == """
            level,count,note
            free,1229,""
            paid,5591,
            "a,b",7,"say ""hi""
            bye"

            """)
    }

    @Test func jsonWritesNumbersAsNumbersAndNullAsNull() {
        #expect(Self.answer.json == """
            {"columns": [{"name": "level", "type": "varchar"}, {"name": "count", "type": "int8"}, {"name": "note", "type": "text"}], \
            "rows": [["free", 1229, ""], ["paid", 5591, null], ["a,b", 7, "say \\"hi\\"\\nbye"]], \
            "more": false, "command": "SELECT 3", "seconds": 0.012}
            """)
    }

    @Test func tableAlignsNumbersRightAndMarksNull() {
        #expect(Self.answer.table == """
            level | count | note
            ------+-------+-------------
            free  |  1229 |
            paid  |  5591 | ∅
            a,b   |     7 | say "hi"↵bye
            (3 rows)

            """)
        var more = Self.answer
        more.rows = [["free", "1", "x"]]
        more.more = true
        #expect(more.table.hasSuffix("(first 1 row; more rows were not fetched: raise --limit)\n"))
        #expect(QueryAnswer(command: "DROP TABLE").table == "DROP TABLE\n")
    }

    @Test func theCaretPointsAtTheErrorPosition() {
        #expect(ErrorCaret.lines(sql: "SELEC 1", position: 1) == ["LINE 1: SELEC 1", "        ^"])
        #expect(ErrorCaret.lines(sql: "SELECT 1\nFROM", position: 13) == ["LINE 2: FROM", "           ^"])
        #expect(ErrorCaret.lines(sql: "SELECT", position: 7) == ["LINE 1: SELECT", "              ^"])
        #expect(ErrorCaret.lines(sql: "SELECT", position: 9) == nil)
    }

    @Test func thePromptsClosingSemicolonIsNotSent() {
        #expect(AdHocQuery("  SELECT 1 ;\n").statement == "SELECT 1")
        #expect(AdHocQuery("SELECT 1").opening == ["BEGIN READ ONLY", "SELECT 1"])
        #expect(AdHocQuery("SELECT 1").closing == "ROLLBACK")
        #expect(AdHocQuery("SELECT 1", write: true).opening == ["BEGIN"])
        #expect(AdHocQuery("SELECT 1", write: true).closing == "COMMIT")
    }
}
