@testable import Sandbox
import Testing

/// The byte-level JSON writer: escapes and numbers exactly as the real files have them.
@Suite struct GeneratorJSONTextTests {
    private func written(_ body: (inout JSONText) -> Void) -> String {
        var text = JSONText()
        body(&text)
        return String(decoding: text.bytes, as: UTF8.self)
    }

    @Test func stringsAreASCIIWithEscapedSlashesQuotesAndControls() {
        #expect(written { $0.string("Mozilla/5.0 (X11)") } == #""Mozilla\/5.0 (X11)""#)
        #expect(written { $0.string("\"quoted\" \\ back") } == #""\"quoted\" \\ back""#)
        #expect(written { $0.string("Life\u{19}s Great\n\t") } == #""Life\u0019s Great\n\t""#)
        #expect(written { $0.string("Ub\u{E1}, Minas Gerais") } == #""Ub\u00e1, Minas Gerais""#)
        #expect(written { $0.string("\u{FFFD}gelholm") } == #""\ufffdgelholm""#)
        #expect(written { $0.string("clef \u{1D11E}") } == #""clef \ud834\udd1e""#)
        #expect(written { $0.string("") } == #""""#)
    }

    @Test func decimalsAreShortestFormOfFixedPointUnits() {
        #expect(written { $0.decimal(24_630_812, scale: 5) } == "246.30812")
        #expect(written { $0.decimal(17_763_220, scale: 5) } == "177.6322")
        #expect(written { $0.decimal(20_000_000, scale: 5) } == "200.0")
        #expect(written { $0.decimal(-12_242_005, scale: 5) } == "-122.42005")
        #expect(written { $0.decimal(132_026, scale: 5) } == "1.32026")
        #expect(written { $0.decimal(-12_714, scale: 5) } == "-0.12714")
        #expect(written { $0.decimal(5, scale: 5) } == "0.00005")
    }

    @Test func integers() {
        #expect(written { $0.integer(0) } == "0")
        #expect(written { $0.integer(1_541_105_830_796) } == "1541105830796")
        #expect(written { $0.integer(-42) } == "-42")
    }

    @Test func mojibakeIsUTF8ReadAsLatin1Twice() {
        // As in the real logs: "Café" appears as "Caf\u00c3\u0083\u00c2\u00a9".
        #expect(Mojibake.doubleEncoded("Caf\u{E9}") == "Caf\u{C3}\u{83}\u{C2}\u{A9}")
        #expect(written { $0.string(Mojibake.doubleEncoded("Caf\u{E9}")) } == #""Caf\u00c3\u0083\u00c2\u00a9""#)
        #expect(Mojibake.doubleEncoded("plain ASCII") == "plain ASCII")
    }
}
