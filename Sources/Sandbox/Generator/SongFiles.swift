/// How catalogue songs are laid out in `song_data/`: `song_data/A/<X>/<Y>/TRA<X><Y>….json`, one song
/// per file up to scale 1 (as the real set), above that `ceil(scale)` songs per file, one compact object
/// per line, so the file count stays near 15k while the songs multiply.
struct SongFiles: Sendable {
    let catalogue: SongCatalogue
    let songsPerFile: Int
    let count: Int

    init(catalogue: SongCatalogue, songsPerFile: Int) {
        self.catalogue = catalogue
        self.songsPerFile = songsPerFile
        count = (catalogue.count + songsPerFile - 1) / songsPerFile
    }

    func songIndices(ofFile index: Int) -> Range<Int> {
        index * songsPerFile..<min((index + 1) * songsPerFile, catalogue.count)
    }

    /// The file's key relative to the data root.
    func path(ofFile index: Int) -> String {
        var random = SplitMix64(seed: catalogue.seed, .songFile, UInt64(index))
        let directory = Identifiers.directoryLetters(random: &random)
        let track = Identifiers.trackID(index: index, directory: directory, seed: catalogue.seed, random: &random)
        return "song_data/A/" + String(decoding: [directory.0, UInt8(ascii: "/"), directory.1], as: UTF8.self)
            + "/" + track + ".json"
    }

    /// The file's bytes: compact objects, keys in alphabetical order, separated by newlines, no trailing newline.
    func contents(ofFile index: Int, into text: inout JSONText) {
        var first = true
        for songIndex in songIndices(ofFile: index) {
            if !first { text.byte(UInt8(ascii: "\n")) }
            first = false
            SongFiles.encode(catalogue.song(at: songIndex), into: &text)
        }
    }

    static func encode(_ song: CatalogueSong, into text: inout JSONText) {
        text.raw("{\"artist_id\":")
        text.string(song.artist.id)
        text.raw(",\"artist_latitude\":")
        if let coordinates = song.artist.coordinates { text.decimal(coordinates.latitude, scale: 5) } else { text.null() }
        text.raw(",\"artist_location\":")
        encode(song.artist.location, into: &text)
        text.raw(",\"artist_longitude\":")
        if let coordinates = song.artist.coordinates { text.decimal(coordinates.longitude, scale: 5) } else { text.null() }
        text.raw(",\"artist_name\":")
        encode(song.artist.name, into: &text)
        text.raw(",\"duration\":")
        text.decimal(song.duration, scale: 5)
        text.raw(",\"num_songs\":1,\"song_id\":")
        text.string(song.songID)
        text.raw(",\"title\":")
        text.string(song.title)
        text.raw(",\"year\":")
        text.integer(song.year)
        text.byte(UInt8(ascii: "}"))
    }

    private static func encode(_ value: TextOrNumber, into text: inout JSONText) {
        switch value {
        case .text(let string): text.string(string)
        case .number(let number): text.integer(number)
        }
    }
}
