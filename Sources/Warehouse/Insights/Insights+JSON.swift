import Config

/// `sparkify insights --json` (issue #10): one object, keys in the documented order.
extension Insights {
    public var json: String {
        func ints(_ values: [Int]) -> String { JSONWriting.array(values.map(String.init)) }
        func levels(_ levels: Levels) -> String {
            JSONWriting.object([("free", String(levels.free)), ("paid", String(levels.paid))])
        }
        let s = JSONWriting.string as (String?) -> String
        return JSONWriting.object([
            ("plays", String(plays)), ("matched_plays", String(matchedPlays)), ("users", String(users)),
            ("by_hour", ints(byHour)), ("by_weekday", ints(byWeekday)), ("by_level", levels(byLevel)),
            ("users_by_level", levels(usersByLevel)), ("by_day", ints(byDay)),
            ("top_users", JSONWriting.array(topUsers.map {
                JSONWriting.object([("user_id", s($0.userID)), ("first_name", s($0.firstName)), ("last_name", s($0.lastName)),
                                    ("level", s($0.level)), ("plays", String($0.plays))])
            })),
            ("top_locations", JSONWriting.array(topLocations.map {
                JSONWriting.object([("location", s($0.location)), ("plays", String($0.plays))])
            })),
            ("top_songs", JSONWriting.array(topSongs.map {
                JSONWriting.object([("song_id", s($0.songID)), ("title", s($0.title)), ("artist", s($0.artist)),
                                    ("plays", String($0.plays))])
            })),
            ("top_artists", JSONWriting.array(topArtists.map {
                JSONWriting.object([("artist_id", s($0.artistID)), ("name", s($0.name)), ("plays", String($0.plays))])
            })),
            ("at", s(RowCounts.iso8601(at))),
        ])
    }
}
