import Testing
@testable import Warehouse

/// A file saved with a UTF-8 byte order mark is named as such (#9): Redshift's COPY documentation does
/// not say JSON input may start with one, so it is a load error, but one that says what it is.
@Suite struct ByteOrderMarkTests {
    @Test func aLeadingBOMIsALoadErrorThatSaysSo() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array(#"{"level": "free"}"#.utf8) + Array("\n{\"level\": \"paid\"}".utf8)
        let load = try LoaderHarness.load([(name: "s3://bucket/bom.json", bytes: bytes)],
                                          columns: [LoadColumn(name: "level", type: .varchar(maxBytes: 8))],
                                          options: CopyOptions(maxError: 2))
        #expect(load.errors.map(\.reason) == [
            "Invalid JSON: a UTF-8 byte order mark (EF BB BF); save the file as UTF-8 without a BOM",
        ])
        #expect(load.errors.map(\.line) == [1])
        // The records after it load.
        #expect(load.rows == [["paid"]])
    }

    @Test func anotherStrayByteIsStillNamedByItsValue() throws {
        let load = try LoaderHarness.load([(name: "s3://bucket/x.json", bytes: [0xEF] + Array(#"{"level": "free"}"#.utf8))],
                                          columns: [LoadColumn(name: "level", type: .varchar(maxBytes: 8))],
                                          options: CopyOptions(maxError: 2))
        #expect(load.errors.map(\.reason) == ["Invalid JSON: unexpected character '0xef' where an object or array should start"])
    }
}
