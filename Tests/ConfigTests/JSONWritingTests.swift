import Config
import Testing

@Suite struct JSONWritingTests {
    @Test func stringsAreQuotedForJSON() {
        #expect(JSONWriting.string("a\"b\\c\nd\u{1}é") == #""a\"b\\c\nd\u0001é""#)
        #expect(JSONWriting.string(nil as String?) == "null")
    }

    @Test func numbersStayNumbersOnlyWhenJSONSaysSo() {
        #expect(JSONWriting.isJSONNumber("-1.5e+3") && JSONWriting.isJSONNumber("0.25"))
        #expect(!JSONWriting.isJSONNumber("NaN") && !JSONWriting.isJSONNumber("01") && !JSONWriting.isJSONNumber("1."))
        #expect(JSONWriting.number("Infinity") == #""Infinity""#)
    }

    @Test func objectsKeepTheirKeysInOrder() {
        #expect(JSONWriting.object([("b", "1"), ("a", JSONWriting.array(["2", "3"]))]) == #"{"b": 1, "a": [2, 3]}"#)
    }
}
