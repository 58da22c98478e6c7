/// Million Song Dataset–style identifiers (`SOQUNFZ12A8C13A3F5`, `ARJNIUY12298900C91`, `TRAAAAK128F9318786`).
///
/// The random-looking letters come from the entity's stream; uniqueness comes from a hexadecimal part that
/// is a seed-keyed bijection of the entity's index, so two entities never share an id at any scale.
enum Identifiers {
    private static let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ".utf8)
    private static let lettersAndDigits = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".utf8)
    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    /// `SO` + 5 letters + `12A` + 8 hex digits (unique for 2^32 songs).
    static func songID(index: Int, seed: UInt64, random: inout SplitMix64) -> String {
        build { id in
            id.append(contentsOf: [UInt8(ascii: "S"), UInt8(ascii: "O")])
            appendRandom(5, from: letters, to: &id, random: &random)
            id.append(contentsOf: [UInt8(ascii: "1"), UInt8(ascii: "2"), UInt8(ascii: "A")])
            appendHex(permute(UInt64(index), bits: 32, seed: seed ^ 0x534F), digits: 8, to: &id)
        }
    }

    /// `AR` + 5 letters or digits + `11` + 9 hex digits (unique for 2^36 artists).
    static func artistID(index: Int, seed: UInt64, random: inout SplitMix64) -> String {
        build { id in
            id.append(contentsOf: [UInt8(ascii: "A"), UInt8(ascii: "R")])
            appendRandom(5, from: lettersAndDigits, to: &id, random: &random)
            id.append(contentsOf: [UInt8(ascii: "1"), UInt8(ascii: "1")])
            appendHex(permute(UInt64(index), bits: 36, seed: seed ^ 0x4152), digits: 9, to: &id)
        }
    }

    /// The two directory letters of a song file (`song_data/A/<X>/<Y>/`).
    static func directoryLetters(random: inout SplitMix64) -> (UInt8, UInt8) {
        (letters[random.below(26)], letters[random.below(26)])
    }

    /// `TR` + `A` + the two directory letters + 2 letters + `12` + 9 hex digits (unique for 2^36 files).
    static func trackID(index: Int, directory: (UInt8, UInt8), seed: UInt64, random: inout SplitMix64) -> String {
        build { id in
            id.append(contentsOf: [UInt8(ascii: "T"), UInt8(ascii: "R"), UInt8(ascii: "A"), directory.0, directory.1])
            appendRandom(2, from: letters, to: &id, random: &random)
            id.append(contentsOf: [UInt8(ascii: "1"), UInt8(ascii: "2")])
            appendHex(permute(UInt64(index), bits: 36, seed: seed ^ 0x5452), digits: 9, to: &id)
        }
    }

    private static func build(_ body: (inout [UInt8]) -> Void) -> String {
        var id: [UInt8] = []
        id.reserveCapacity(18)
        body(&id)
        return String(decoding: id, as: UTF8.self)
    }

    private static func appendRandom(_ count: Int, from alphabet: [UInt8], to id: inout [UInt8], random: inout SplitMix64) {
        for _ in 0..<count { id.append(alphabet[random.below(alphabet.count)]) }
    }

    private static func appendHex(_ value: UInt64, digits: Int, to id: inout [UInt8]) {
        for position in stride(from: digits - 1, through: 0, by: -1) {
            id.append(hexDigits[Int((value >> UInt64(position * 4)) & 0xF)])
        }
    }

    /// A bijection on `bits`-bit integers keyed by the seed: odd multiplications, additions and
    /// right xor-shifts modulo 2^bits are each invertible.
    static func permute(_ value: UInt64, bits: Int, seed: UInt64) -> UInt64 {
        let mask: UInt64 = (1 << UInt64(bits)) - 1
        let key = SplitMix64.mix(seed)
        var x = value & mask
        x = (x &* 0x9E37_79B9_7F4A_7C15 &+ key) & mask
        x ^= x >> UInt64(bits / 2 + 1)
        x = (x &* (SplitMix64.mix(key) | 1)) & mask
        x ^= x >> UInt64(bits / 3)
        x = (x &* 0xBF58_476D_1CE4_E5B9 &+ (key >> 7)) & mask
        x ^= x >> UInt64(bits / 2)
        return x
    }
}
