import Foundation
import Testing
@testable import Console
import Runbook

/// The SQL view (`s`): psql's Enter rule, history, cancel, the grid (NULL apart from '', numbers
/// right-aligned, scrolling) and its screens at 80×24 and 160×48 in Unicode and ASCII.
@Suite("Console: SQL view")
struct SQLViewTests {
    typealias F = ConsoleFixtures
    static let small = Size(width: 80, height: 24)

    static let result = QueryGrid(
        columns: [("level", "varchar"), ("plays", "int8"), ("note", "text")],
        rows: [["free", "1229", ""], ["paid", "5591", nil]], command: "SELECT 2", seconds: 0.0031)

    static let catalog = SQLCatalog(tables: [
        ("songplays", 6_820, [("songplay_id", "bigint"), ("start_time", "timestamp"), ("user_id", "varchar(64)"),
                              ("level", "varchar(16)"), ("song_id", "varchar(64)")]),
        ("users", 96, [("user_id", "varchar(64)"), ("first_name", "varchar(128)"), ("level", "varchar(16)")]),
        ("songs", 71, [("song_id", "varchar(64)"), ("title", "varchar(512)")]),
        ("notes", nil, [("body", "text")]),
    ], at: Date(timeIntervalSince1970: 1_543_537_327))

    static func typed(_ text: String, into model: inout ConsoleModel) {
        for character in text {
            _ = model.handle(character == "\n" ? .enter : .character(character), size: small)
        }
    }

    static func answered(borders: BorderSet = .unicode) -> ConsoleModel {
        var model = F.sandbox(borders: borders)
        _ = model.handle(.character("s"), size: small)
        _ = model.analysis.takePendingLoads()
        model.analysis.receive(.catalog(catalog))
        typed("SELECT level, count(*) AS plays, '' AS note\nFROM songplays GROUP BY 1 ORDER BY 1;\n", into: &model)
        _ = model.sql.takePending()
        model.sql.receive(.answered(result))
        return model
    }

    @Test func enterRunsTheTextOnlyOnceItEndsWithASemicolon() {
        var model = F.sandbox()
        _ = model.handle(.character("s"), size: Self.small)
        #expect(model.view == .sql)
        Self.typed("SELECT 1\n", into: &model)
        #expect(model.sql.text == "SELECT 1\n" && model.sql.running == nil)
        Self.typed("AS one;", into: &model)
        _ = model.handle(.enter, size: Self.small)
        #expect(model.sql.takePending() == [.run("SELECT 1\nAS one;", write: false)])
        #expect(model.sql.running == "SELECT 1\nAS one;" && model.sql.text == "")
        // Letters type, even the runbook's keys.
        Self.typed("qs?", into: &model)
        #expect(model.sql.text == "qs?" && model.view == .sql)
    }

    @Test func escCancelsARunningStatementThenClosesTheView() {
        var model = F.sandbox()
        _ = model.handle(.character("s"), size: Self.small)
        Self.typed("SELECT pg_sleep(30);\n", into: &model)
        _ = model.sql.takePending()
        #expect(model.handle(.escape, size: Self.small) == [])
        #expect(model.sql.takePending() == [.cancel] && model.view == .sql)
        model.sql.receive(.cancelled)
        #expect(model.sql.running == nil)
        _ = model.handle(.escape, size: Self.small)
        #expect(model.view == .runbook)
    }

    @Test func theCatalogIsReadWhenTheViewOpensAndAgainAfterAWrite() {
        var model = F.sandbox()
        _ = model.handle(.character("s"), size: Self.small)
        #expect(model.analysis.takePendingLoads() == [.catalog])
        #expect(SQLView.catalogLines(model).map(\.text) == ["reading the catalog…"])
        model.analysis.receive(.catalog(Self.catalog))
        #expect(SQLView.catalogLines(model).map(\.text).prefix(7) == [
            "songplays (6,820)", "  songplay_id bigint", "  start_time timestamp", "  user_id varchar(64)",
            "  level varchar(16)", "  song_id varchar(64)", "users (96)",
        ])
        #expect(SQLView.catalogLines(model).map(\.text).suffix(2) == ["notes", "  body text"])
        // Open again: the catalog is there, nothing is asked.
        _ = model.handle(.escape, size: Self.small)
        _ = model.handle(.character("s"), size: Self.small)
        #expect(model.analysis.takePendingLoads() == [])
        // A read-only statement changes no table; a write that committed does.
        Self.typed("SELECT 1;\n", into: &model)
        model.receive(query: .answered(Self.result))
        #expect(!model.sql.changedTables && model.analysis.takePendingLoads() == [])
        _ = model.handle(.character("\u{17}"), size: Self.small)
        _ = model.handle(.character("y"), size: Self.small)
        Self.typed("DROP TABLE notes;\n", into: &model)
        model.receive(query: .failed(message: "42501: permission denied", caret: []))
        #expect(model.analysis.takePendingLoads() == [])
        Self.typed("DROP TABLE notes;\n", into: &model)
        model.receive(query: .answered(QueryGrid(columns: [], rows: [], command: "DROP TABLE")))
        #expect(model.sql.changedTables && model.analysis.takePendingLoads() == [.catalog])
    }

    @Test func theCatalogSaysWhyItIsEmptyOrMissing() {
        var model = F.sandbox()
        _ = model.handle(.character("s"), size: Self.small)
        model.analysis.receive(.catalog(SQLCatalog(tables: [], at: Date())))
        #expect(SQLView.catalogLines(model).map(\.text) == ["no tables yet:", "c creates them"])
        model.analysis.receive(.failed(.catalog, "no database configured: set [CLUSTER] HOST in dwh.cfg"))
        #expect(SQLView.catalogLines(model).map(\.text) == ["no database configured:", "set [CLUSTER] HOST in", "dwh.cfg"])
    }

    @Test func upAndDownWalkTheStatementsRunBefore() {
        var model = F.sandbox()
        _ = model.handle(.character("s"), size: Self.small)
        for statement in ["SELECT 1;", "SELECT 2;"] {
            Self.typed(statement + "\n", into: &model)
            model.sql.receive(.cancelled)
        }
        _ = model.handle(.up, size: Self.small)
        #expect(model.sql.text == "SELECT 2;")
        _ = model.handle(.up, size: Self.small)
        _ = model.handle(.up, size: Self.small)
        #expect(model.sql.text == "SELECT 1;")
        _ = model.handle(.down, size: Self.small)
        _ = model.handle(.down, size: Self.small)
        #expect(model.sql.text == "")
    }

    @Test func theGridKeepsNullApartFromEmptyAndRightAlignsNumbers() {
        #expect(SQLView.gridLines(Self.result, from: 0, column: 0, width: 40, height: 5) == [
            "level  plays  note", "free    1229      ", "paid    5591  ∅   ",
        ])
        #expect(SQLView.gridLines(Self.result, from: 1, column: 1, width: 40, height: 5) == ["plays  note", " 5591  ∅   "])
    }

    @Test func writesNeedCtrlWThenY() {
        var model = F.sandbox()
        _ = model.handle(.character("s"), size: Self.small)
        _ = model.handle(.character("\u{17}"), size: Self.small)
        // Any key but y declines, and is not typed.
        _ = model.handle(.character("n"), size: Self.small)
        #expect(!model.sql.write && model.sql.text == "" && model.sql.notice == "still read-only")
        _ = model.handle(.character("\u{17}"), size: Self.small)
        _ = model.handle(.character("y"), size: Self.small)
        #expect(model.sql.write && model.sql.text == "")
        #expect(ConsoleRenderer.render(model, size: Self.small).lines[2].contains("SQL (WRITES COMMIT)"))
        Self.typed("DELETE FROM users;\n", into: &model)
        #expect(model.sql.takePending() == [.run("DELETE FROM users;", write: true)])
        _ = model.handle(.character("\u{17}"), size: Self.small)
        #expect(!model.sql.write)
    }

    @Test func ctrlEExportsTheResult() {
        var model = Self.answered()
        _ = model.handle(.character("\u{5}"), size: Self.small)
        #expect(model.sql.takePending() == [.export(Self.result)])
        #expect(Self.result.csv == "level,plays,note\nfree,1229,\"\"\npaid,5591,\n")
        #expect(KeyLabel.of(.character("\u{5}"), glyphs: Glyphs(.unicode)) == "Ctrl-E")
    }

    @Test func anErrorShowsItsSQLSTATEAndCaret() {
        var model = F.sandbox()
        _ = model.handle(.character("s"), size: Self.small)
        model.sql.receive(.failed(message: "42601: syntax error at or near \"FORM\"", caret: ["LINE 2: FORM users", "        ^"]))
        let lines = ConsoleRenderer.render(model, size: Self.small).lines
        #expect(lines.contains { $0.contains("42601: syntax error at or near \"FORM\"") })
        #expect(lines.contains { $0.contains("LINE 2: FORM users") })
    }

    @Test("SQL screens", arguments: [Size(width: 80, height: 24), Size(width: 160, height: 48)])
    func screens(size: Size) {
        ScreenSnapshot.check(ConsoleRenderer.render(Self.answered(), size: size), named: "sql-\(size.width)x\(size.height).txt")
        ScreenSnapshot.check(ConsoleRenderer.render(Self.answered(borders: .ascii), size: size),
                             named: "sql-ascii-\(size.width)x\(size.height).txt")
    }
}

@Suite("Console: SQL history file")
struct SQLHistoryFileTests {
    @Test func multiLineStatementsAndBackslashesComeBackAsTyped() throws {
        let directory = FileManager.default.temporaryDirectory.path + "/sql-history-" + UUID().uuidString.prefix(8)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/sql_history"
        #expect(SQLHistoryFile.read(path) == [])
        SQLHistoryFile.append("SELECT 1\nFROM songplays;", to: path)
        SQLHistoryFile.append(#"SELECT '\n';"#, to: path)
        #expect(SQLHistoryFile.read(path) == ["SELECT 1\nFROM songplays;", #"SELECT '\n';"#])
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }
}
