/// A value the files mostly hold as text but sometimes as a JSON number (a band called 112, a location 27).
enum TextOrNumber: Equatable, Sendable {
    case text(String)
    case number(Int)

    /// How the value reads once it is text (in the logs, or after COPY into VARCHAR).
    var text: String {
        switch self {
        case .text(let value): value
        case .number(let value): String(value)
        }
    }
}

/// An artist as the song files describe it.
struct Artist: Equatable, Sendable {
    var id: String
    var name: TextOrNumber
    var location: TextOrNumber
    /// Coordinates in 10^-5 degrees; both present or both absent.
    var coordinates: (latitude: Int, longitude: Int)?

    static func == (lhs: Artist, rhs: Artist) -> Bool {
        lhs.id == rhs.id && lhs.name == rhs.name && lhs.location == rhs.location
            && lhs.coordinates?.latitude == rhs.coordinates?.latitude
            && lhs.coordinates?.longitude == rhs.coordinates?.longitude
    }
}

/// One song object of `song_data`.
struct CatalogueSong: Equatable, Sendable {
    var artist: Artist
    /// 10^-5 seconds.
    var duration: Int
    var songID: String
    var title: String
    /// 0 when unknown, as for about 30% of the real songs.
    var year: Int
}
