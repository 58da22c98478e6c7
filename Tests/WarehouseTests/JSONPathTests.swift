import Testing
@testable import Warehouse

@Suite("JSONPath expressions and JSONPaths files")
struct JSONPathTests {
    @Test func bracketNotation() throws {
        let path = try JSONPath(parsing: "$['store']['book'][0]")
        #expect(path.components == [.member("store"), .member("book"), .index(0)])
        #expect(path.notation == .bracket)
    }

    @Test func dotNotationWithAnIndex() throws {
        let path = try JSONPath(parsing: "$.friends[1].name")
        #expect(path.components == [.member("friends"), .index(1), .member("name")])
        #expect(path.notation == .dot)
    }

    @Test func bracketNamesMayHoldDotsAndSpaces() throws {
        #expect(try JSONPath(parsing: "$['a.b c']").components == [.member("a.b c")])
    }

    @Test func indexOnlyPathHasNoNotation() throws {
        let path = try JSONPath(parsing: "$[2]")
        #expect(path.components == [.index(2)])
        #expect(path.notation == nil)
    }

    @Test(arguments: [
        ("store", "JSONPath store: it must start with $"),
        ("$", "JSONPath $: it must name an element, e.g. $['column']"),
        ("$.a['b']", "JSONPath $.a['b']: bracket and dot notation cannot be mixed"),
        ("$['a'].b", "JSONPath $['a'].b: bracket and dot notation cannot be mixed"),
        ("$.a[-1]", "JSONPath $.a[-1]: array indexes must be integers >= 0"),
        ("$.*", "JSONPath $.*: wildcards are not supported"),
        ("$..a", "JSONPath $..a: an element name is empty"),
        ("$['a'", "JSONPath $['a': a ['name'] element is not closed with ']"),
        ("$.it's", "JSONPath $.it's: dot notation names cannot contain '"),
    ])
    func rejectsWhatRedshiftRejects(expression: String, message: String) {
        #expect(throws: JSONPathSyntaxError.self) { try JSONPath(parsing: expression) }
        do {
            _ = try JSONPath(parsing: expression)
        } catch {
            #expect(error.description == message)
        }
    }

    @Test func theSampleLogJSONPathsFile() throws {
        let file = """
            {
                "jsonpaths": [
                    "$['artist']",
                    "$['auth']",
                    "$['firstName']"
                ]
            }
            """
        let format = try JSONPathsFile.parse(Array(file.utf8), source: "log_json_path.json")
        #expect(format == .paths([
            JSONPath(components: [.member("artist")], notation: .bracket, text: "$['artist']"),
            JSONPath(components: [.member("auth")], notation: .bracket, text: "$['auth']"),
            JSONPath(components: [.member("firstName")], notation: .bracket, text: "$['firstName']"),
        ]))
    }

    @Test func anotherKeyMeansAuto() throws {
        #expect(try JSONPathsFile.parse(Array(#"{"paths": ["$.a"]}"#.utf8), source: "p.json") == .auto)
    }

    @Test(arguments: [
        (#"["$.a"]"#, "JSONPaths file p.json: the file must hold a JSON object, not an array or a scalar. Fix the file (see Redshift's JSONPaths file rules)."),
        (#"{"jsonpaths": ["$.a", 3]}"#, "JSONPaths file p.json: element 2 is not a string. Fix the file (see Redshift's JSONPaths file rules)."),
        (#"{"jsonpaths": [""]}"#, "JSONPaths file p.json: element 1 is an empty string. Fix the file (see Redshift's JSONPaths file rules)."),
        (#"{"jsonpaths": ["$.a", "$['b']"]}"#, "JSONPaths file p.json: bracket and dot notation cannot be mixed in one jsonpaths array ($['b']). Fix the file (see Redshift's JSONPaths file rules)."),
        (#"{"jsonpaths": ["$.a"]} {"jsonpaths": ["$.b"]}"#, "JSONPaths file p.json: not one well-formed JSON object (it must hold a single {\"jsonpaths\": [...]} object and nothing else but white space). Fix the file (see Redshift's JSONPaths file rules)."),
        (#"{"jsonpaths": "$.a"}"#, "JSONPaths file p.json: \"jsonpaths\" must be an array of strings. Fix the file (see Redshift's JSONPaths file rules)."),
    ])
    func invalidFilesFailTheLoad(file: String, message: String) {
        do {
            _ = try JSONPathsFile.parse(Array(file.utf8), source: "p.json")
            Issue.record("expected an error for \(file)")
        } catch {
            #expect(error.description == message)
        }
    }

    @Test func expressionCountMustMatchColumns() {
        let plan = LoadPlan(table: "staging_songs", columns: [varchar("a"), varchar("b")],
                            options: CopyOptions(format: .paths([try! JSONPath(parsing: "$.a")])))
        #expect(throws: StagingError.self) { try plan.validate() }
        do { try plan.validate() } catch {
            #expect(error.description == "the JSONPaths file has 1 expressions but staging_songs has 2 columns: give exactly one expression per column, in column order")
        }
    }
}
