import Foundation
import Testing

/// schema.png at the repository root is rendered from schema.dot, which is `sparkify schema --format dot`.
/// This fails when the committed source is stale. To re-render both after a schema change:
/// `SPARKIFY_RECORD=1 swift test --filter SchemaPictureTests` (needs graphviz `dot`), then commit them.
@Suite struct SchemaPictureTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    @Test func theCommittedPictureIsRenderedFromTheCurrentSchema() async throws {
        let runner = try SparkifyRunner(environment: [:])
        defer { runner.remove() }
        let generated = try await runner.run(["schema", "--format", "dot"])
        #expect(generated.status == 0)
        let dotPath = Self.root + "/schema.dot", pngPath = Self.root + "/schema.png"
        if ProcessInfo.processInfo.environment["SPARKIFY_RECORD"] == "1" {
            try generated.stdout.write(toFile: dotPath, atomically: true, encoding: .utf8)
            #expect(try Self.render(dotPath, to: pngPath) == 0, "dot -Tpng failed: is graphviz installed?")
        }
        let committed = try String(contentsOfFile: dotPath, encoding: .utf8)
        #expect(generated.stdout == committed, """
            schema.dot (and so schema.png) is stale: re-render with SPARKIFY_RECORD=1 swift test --filter SchemaPictureTests
            """)
        let png = try Data(contentsOf: URL(fileURLWithPath: pngPath))
        #expect(png.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]), "schema.png is not a PNG")
    }

    static func render(_ dot: String, to png: String) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["dot", "-Tpng", "-Gdpi=80", "-o", png, dot]
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}

@Suite struct SchemaCommandTests {
    @Test func printsTheDDLOfEitherDialect() async throws {
        let runner = try SparkifyRunner(environment: [:])
        defer { runner.remove() }
        let redshift = try await runner.run(["schema"])
        #expect(redshift.status == 0)
        #expect(redshift.lines.first == "-- sparkify warehouse schema for Amazon Redshift, rendered from the schema model.")
        #expect(redshift.lines.contains("DISTSTYLE KEY DISTKEY (start_time)"))
        let postgres = try await runner.run(["schema", "--dialect", "postgres", "--format", "sql"])
        #expect(postgres.status == 0)
        #expect(postgres.lines.contains("CREATE UNLOGGED TABLE staging_events ("))
        #expect(!postgres.stdout.contains("DISTSTYLE"))
    }

    @Test func printsTheDiagram() async throws {
        let runner = try SparkifyRunner(environment: [:])
        defer { runner.remove() }
        let dot = try await runner.run(["schema", "--format", "dot"])
        #expect(dot.lines.contains("digraph sparkify {"))
        #expect(dot.lines.contains("  songplays:user_id_out:e -> users:user_id_in:w;"))
        #expect(dot.lines.last == "}")
    }
}
