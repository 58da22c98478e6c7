/// A song as a NextSong event names it.
struct PlayedSong: Sendable {
    /// Title and artist as the log holds them (non-ASCII text double-encoded).
    var title: String
    var artist: String
    /// 10^-5 seconds.
    var length: Int
}

/// Chooses what a NextSong event plays. Most plays are of songs outside the catalogue (the real logs name
/// ~5k distinct songs of which only a few percent are among the song files); a share picks a catalogue song
/// and repeats its title, artist and duration exactly, so the ETL's title + artist + duration match finds
/// it. Popularity is skewed (index = n·u²), so a few songs are played often, as in the real logs.
struct Playlist: Sendable {
    let catalogue: SongCatalogue
    let outsideCount: Int

    /// Share of plays that pick a catalogue song. Some of those still miss the match: their non-ASCII text
    /// is double-encoded in the log, or the play has another edit's length.
    static let catalogueShare = 0.05
    static let otherEditShare = 0.04

    func choose(random: inout SplitMix64) -> PlayedSong {
        if random.chance(Playlist.catalogueShare) {
            let index = Playlist.popular(count: catalogue.count, random: &random)
            let song = catalogue.song(at: index)
            var length = song.duration
            if random.chance(Playlist.otherEditShare) {
                length = max(1_000_000, length + (random.chance(0.5) ? 1 : -1) * random.between(50_000, 2_000_000))
            }
            return PlayedSong(
                title: Mojibake.doubleEncoded(song.title),
                artist: Mojibake.doubleEncoded(song.artist.name.text),
                length: length)
        }
        return outsideSong(at: Playlist.popular(count: outsideCount, random: &random))
    }

    func outsideSong(at index: Int) -> PlayedSong {
        var random = SplitMix64(seed: catalogue.seed, .outsideSong, UInt64(index))
        let artist = NameMaker.artistName(random: &random)
        let title = NameMaker.title(random: &random)
        return PlayedSong(
            title: Mojibake.doubleEncoded(title),
            artist: Mojibake.doubleEncoded(artist),
            length: NameMaker.duration(random: &random))
    }

    private static func popular(count: Int, random: inout SplitMix64) -> Int {
        let u = random.unit()
        return min(count - 1, Int(Double(count) * u * u))
    }
}
