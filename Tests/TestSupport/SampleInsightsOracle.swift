import Foundation

/// The analysts' answers for a directory of the sample's JSON files (log_data, song_data), computed
/// straight from the files with Foundation's parser and calendar, as PRODUCT §3 defines plays, users,
/// levels and song matches — never from a warehouse. The oracle of the insights tests, through the API
/// and through the binary's JSON.
public struct SampleInsightsOracle: Sendable, Equatable {
    public struct User: Sendable, Equatable {
        public var userID: String, firstName: String?, lastName: String?, level: String?, plays: Int
        public init(userID: String, firstName: String?, lastName: String?, level: String?, plays: Int) {
            (self.userID, self.firstName, self.lastName, self.level, self.plays) = (userID, firstName, lastName, level, plays)
        }
    }
    public struct Song: Sendable, Equatable {
        public var songID: String, title: String?, artist: String?, plays: Int
        public init(songID: String, title: String?, artist: String?, plays: Int) {
            (self.songID, self.title, self.artist, self.plays) = (songID, title, artist, plays)
        }
    }
    public struct Artist: Sendable, Equatable {
        public var artistID: String, name: String?, plays: Int
        public init(artistID: String, name: String?, plays: Int) { (self.artistID, self.name, self.plays) = (artistID, name, plays) }
    }
    /// Plays of one location.
    public struct Count: Sendable, Equatable {
        public var key: String, plays: Int
        public init(key: String, plays: Int) { (self.key, self.plays) = (key, plays) }
    }
    public struct Levels: Sendable, Equatable {
        public var free = 0, paid = 0
        public init(free: Int = 0, paid: Int = 0) { (self.free, self.paid) = (free, paid) }
    }

    public var plays = 0, matchedPlays = 0, users = 0
    public var byHour = [Int](repeating: 0, count: 24)
    /// 0 = Sunday.
    public var byWeekday = [Int](repeating: 0, count: 7)
    public var byLevel = Levels()
    public var usersByLevel = Levels()
    /// Day 1 first, up to the last day with a play.
    public var byDay = [Int](repeating: 0, count: 31)
    public var topUsers: [User] = [], topLocations: [Count] = [], topSongs: [Song] = [], topArtists: [Artist] = []

    /// The answers for `sample` (a directory with log_data and song_data), `top` rows per list; ties by
    /// plays descending, then id / text ascending.
    public init(sample: String, top: Int = 10) throws {
        let events = try Self.objects(in: sample + "/log_data")
        let songs = try Self.objects(in: sample + "/song_data")
        func text(_ o: [String: Any], _ k: String) -> String? { o[k] as? String }
        func number(_ o: [String: Any], _ k: String) -> Double? { (o[k] as? NSNumber)?.doubleValue }
        func int(_ o: [String: Any], _ k: String) -> Int64 { (o[k] as? NSNumber)?.int64Value ?? 0 }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!

        var playsByUser: [String: Int] = [:], playsByLocation: [String: Int] = [:]
        var playsBySong: [String: Int] = [:], playsByArtist: [String: Int] = [:]
        let plays = events.filter { text($0, "page") == "NextSong" }
        self.plays = plays.count
        for play in plays {
            let date = Date(timeIntervalSince1970: Double(int(play, "ts")) / 1000)
            let parts = calendar.dateComponents([.hour, .weekday, .day], from: date)
            byHour[parts.hour!] += 1
            byWeekday[parts.weekday! - 1] += 1
            byDay[parts.day! - 1] += 1
            if text(play, "level") == "free" { byLevel.free += 1 }
            if text(play, "level") == "paid" { byLevel.paid += 1 }
            if let user = text(play, "userId"), !user.isEmpty { playsByUser[user, default: 0] += 1 }
            if let location = text(play, "location") { playsByLocation[location, default: 0] += 1 }
            if let match = Self.matchingSong(play, in: songs) {
                matchedPlays += 1
                playsBySong[text(match, "song_id")!, default: 0] += 1
                playsByArtist[text(match, "artist_id")!, default: 0] += 1
            }
        }
        while byDay.last == 0 { byDay.removeLast() }

        let latest = Self.latestEvents(events)
        users = latest.count
        let userLevels = latest.values.compactMap { text($0, "level") }
        usersByLevel = Levels(free: userLevels.filter { $0 == "free" }.count, paid: userLevels.filter { $0 == "paid" }.count)
        func ranked(_ counts: [String: Int]) -> [(key: String, value: Int)] {
            Array(counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(top))
        }
        let songByID = Dictionary(songs.map { (text($0, "song_id")!, $0) }, uniquingKeysWith: { first, _ in first })
        // PRODUCT §3's artist: the values of one staged song, the most informative (coordinates, then a
        // location), then the smallest song_id.
        func preference(_ song: [String: Any]) -> (Int, Int, String) {
            (number(song, "artist_latitude") != nil && number(song, "artist_longitude") != nil ? 0 : 1,
             (text(song, "artist_location") ?? "").isEmpty ? 1 : 0, text(song, "song_id") ?? "")
        }
        let artistName = Dictionary(grouping: songs) { text($0, "artist_id")! }
            .mapValues { candidates in text(candidates.min { preference($0) < preference($1) }!, "artist_name") }
        topUsers = ranked(playsByUser).map { user, count in
            User(userID: user, firstName: text(latest[user]!, "firstName"), lastName: text(latest[user]!, "lastName"),
                 level: text(latest[user]!, "level"), plays: count)
        }
        topLocations = ranked(playsByLocation).map { Count(key: $0.key, plays: $0.value) }
        topSongs = ranked(playsBySong).map { song, count in
            let file = songByID[song]!
            return Song(songID: song, title: text(file, "title"), artist: artistName[text(file, "artist_id")!] ?? nil, plays: count)
        }
        topArtists = ranked(playsByArtist).map { Artist(artistID: $0.key, name: artistName[$0.key] ?? nil, plays: $0.value) }
    }

    /// Each user's latest event (by time, then session, then item), by user id: the user as PRODUCT §3
    /// keeps them.
    public static func latestEvents(_ events: [[String: Any]]) -> [String: [String: Any]] {
        func int(_ o: [String: Any], _ k: String) -> Int64 { (o[k] as? NSNumber)?.int64Value ?? 0 }
        var latest: [String: [String: Any]] = [:]
        func order(_ e: [String: Any]) -> [Int64] { [int(e, "ts"), int(e, "sessionId"), int(e, "itemInSession")] }
        for event in events {
            guard let user = event["userId"] as? String, !user.isEmpty else { continue }
            if let seen = latest[user], !order(seen).lexicographicallyPrecedes(order(event)) { continue }
            latest[user] = event
        }
        return latest
    }

    /// Every JSON object of the `.json` files under `directory`, files in name order.
    public static func objects(in directory: String) throws -> [[String: Any]] {
        let files = (FileManager.default.enumerator(atPath: directory)?.allObjects as? [String] ?? [])
            .filter { $0.hasSuffix(".json") }.sorted()
        return try files.flatMap { file in
            try String(contentsOfFile: directory + "/" + file, encoding: .utf8)
                .split(whereSeparator: \.isNewline).filter { !$0.allSatisfy(\.isWhitespace) }
                .map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        }
    }

    /// PRODUCT §3's match: same title and artist name, |duration − length| < 0.001; of several
    /// candidates the smallest song_id; none: nil (NULL).
    public static func matchingSong(_ play: [String: Any], in songs: [[String: Any]]) -> [String: Any]? {
        func text(_ o: [String: Any], _ k: String) -> String? { o[k] as? String }
        func number(_ o: [String: Any], _ k: String) -> Double? { (o[k] as? NSNumber)?.doubleValue }
        return songs.filter {
            text($0, "title") == text(play, "song") && text($0, "artist_name") == text(play, "artist")
                && abs((number($0, "duration") ?? .nan) - (number(play, "length") ?? .nan)) < 0.001
        }.min { text($0, "song_id")! < text($1, "song_id")! }
    }
}
