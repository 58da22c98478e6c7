/// Text the way the app's log pipeline mangled it: UTF-8 bytes read back as Latin-1, twice.
/// "é" becomes "Ã\u{83}Â©"; ASCII text is unchanged.
enum Mojibake {
    static func doubleEncoded(_ text: String) -> String {
        once(once(text))
    }

    static func once(_ text: String) -> String {
        var text = text
        guard !text.withUTF8({ $0.allSatisfy { $0 < 0x80 } }) else { return text }
        var result = String.UnicodeScalarView()
        for byte in text.utf8 {
            result.append(Unicode.Scalar(byte))
        }
        return String(result)
    }
}
