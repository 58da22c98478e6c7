/// The song catalogue, derived song by song from the seed: `song(at:)` is a pure function of the index,
/// so the catalogue costs no memory however large it is, and the event stream can pick a catalogue song
/// by index and get exactly the title, artist and duration that the song file holds.
struct SongCatalogue: Sendable {
    let seed: UInt64
    let count: Int
    /// Artists 0..<artistCount each have a song of their own; later songs reuse a random artist
    /// (about 7% of songs share an artist, as in the real files).
    let artistCount: Int

    init(seed: UInt64, count: Int) {
        self.seed = seed
        self.count = count
        artistCount = max(1, Int(Double(count) * 0.93))
    }

    func song(at index: Int) -> CatalogueSong {
        var random = SplitMix64(seed: seed, .catalogueSong, UInt64(index))
        var artist: Artist
        if index < artistCount {
            artist = self.artist(at: index)
        } else {
            artist = self.artist(at: random.below(artistCount))
            // Songs of one artist do not always agree on the artist's name or location.
            if random.chance(0.08) {
                artist.location = .text(random.chance(0.5) ? "" : random.pick(Vocabulary.artistPlaces).name)
                artist.coordinates = nil
            } else if random.chance(0.05) {
                artist.name = .text(NameMaker.artistName(random: &random))
            }
        }
        let title = NameMaker.title(random: &random)
        let duration = NameMaker.duration(random: &random)
        let year = random.chance(0.3) ? 0 : max(1954, 2010 - Int(random.exponential(mean: 9)))
        let songID = Identifiers.songID(index: index, seed: seed, random: &random)
        return CatalogueSong(artist: artist, duration: duration, songID: songID, title: title, year: year)
    }

    func artist(at index: Int) -> Artist {
        var random = SplitMix64(seed: seed, .artist, UInt64(index))
        let id = Identifiers.artistID(index: index, seed: seed, random: &random)
        let name: TextOrNumber = random.chance(0.001)
            ? .number(random.between(2, 9999)) : .text(NameMaker.artistName(random: &random))
        let location: TextOrNumber
        var coordinates: (latitude: Int, longitude: Int)?
        let roll = random.unit()
        if roll < 0.455 {
            location = .text("")
        } else if roll < 0.456 {
            location = .number(random.between(1, 999))
        } else {
            let place = random.pick(Vocabulary.artistPlaces)
            location = .text(place.name)
            // Coordinates for about 35% of all songs (65% null), only where a place is known.
            if random.chance(0.64) {
                coordinates = (place.latitude, place.longitude)
            }
        }
        return Artist(id: id, name: name, location: location, coordinates: coordinates)
    }
}
