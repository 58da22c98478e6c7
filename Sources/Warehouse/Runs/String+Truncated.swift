extension String {
    /// The longest prefix of at most `limit` UTF-8 bytes that does not split a character's encoding:
    /// how text is cut to fit a VARCHAR(n), which counts bytes in Redshift.
    func truncated(toBytes limit: Int) -> String {
        let bytes = Array(utf8)
        guard bytes.count > limit else { return self }
        var end = max(0, limit)
        while end > 0 && bytes[end] & 0xC0 == 0x80 { end -= 1 }
        return String(decoding: bytes[..<end], as: UTF8.self)
    }
}
