import Foundation

/// The distribution figures the generator must reproduce, computed the same way for the real sample
/// and for generated data.
struct SampleStatistics {
    static let pages = [
        "NextSong", "Home", "Login", "Logout", "Downgrade", "Settings", "Help", "About", "Upgrade",
        "Save Settings", "Error", "Submit Upgrade", "Submit Downgrade",
    ]

    var eventCount: Int
    var eventsPerFileMean: Double
    /// Coefficient of variation of events per daily file.
    var eventsPerFileVariation: Double
    var pageShare: [String: Double]
    /// Share of events where artist / song / length are null (all three together).
    var songFieldsNull: Double
    /// Share of events where firstName, gender, lastName, location, registration and userAgent are null.
    var listenerFieldsNull: Double
    /// Share of events with userId "" (logged out).
    var loggedOut: Double
    var userCount: Int
    /// Share of users seen at both levels.
    var levelChangeUsers: Double
    var paidEvents: Double
    /// Share of userAgent values without literal quotes.
    var unquotedUserAgents: Double
    var eventsPerSession: Double
    var singleEventSessions: Double
    /// Distinct (song, artist) pairs per NextSong event.
    var distinctSongsPerPlay: Double
    /// Share of NextSong events whose song or artist has non-ASCII (double-encoded) text.
    var nonASCIIPlays: Double
    var songCount: Int
    var yearZero: Double
    var coordinatesNull: Double
    var emptyArtistLocation: Double
    /// Song objects holding a number where text is expected (artist_name or artist_location).
    var numbersAsText: Int
    /// Share of NextSong events matching a song on title + artist + |duration − length| < 0.001.
    var matchRate: Double
    /// The match rate if the song files covered the full 14,896-song set (the real sample holds 1,943).
    var matchRateAtFullCoverage: Double

    init(_ data: SampleData, fullSongCount: Int = 14_896) {
        let events = data.events
        let total = Double(events.count)
        eventCount = events.count
        let perFile = data.eventsPerFile.map(Double.init)
        let mean = perFile.reduce(0, +) / Double(max(1, perFile.count))
        let variance = perFile.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(max(1, perFile.count))
        eventsPerFileMean = mean
        eventsPerFileVariation = variance.squareRoot() / mean
        var pageCounts: [String: Int] = [:]
        for event in events { pageCounts[event.page, default: 0] += 1 }
        pageShare = Dictionary(uniqueKeysWithValues: SampleStatistics.pages.map { ($0, Double(pageCounts[$0] ?? 0) / total) })
        songFieldsNull = Double(events.filter { $0.artist == nil && $0.song == nil && $0.length == nil }.count) / total
        listenerFieldsNull = Double(events.filter {
            $0.firstName == nil && $0.gender == nil && $0.lastName == nil && $0.location == nil
                && $0.registration == nil && $0.userAgent == nil
        }.count) / total
        loggedOut = Double(events.filter { $0.userId.isEmpty }.count) / total

        var levels: [String: Set<String>] = [:]
        for event in events where !event.userId.isEmpty { levels[event.userId, default: []].insert(event.level) }
        userCount = levels.count
        levelChangeUsers = Double(levels.values.filter { $0.count > 1 }.count) / Double(max(1, levels.count))
        paidEvents = Double(events.filter { $0.level == "paid" }.count) / total
        let agents = events.compactMap(\.userAgent)
        unquotedUserAgents = Double(agents.filter { !$0.hasPrefix("\"") }.count) / Double(max(1, agents.count))

        var sessionLengths: [Int: Int] = [:]
        for event in events { sessionLengths[event.sessionId, default: 0] += 1 }
        eventsPerSession = total / Double(max(1, sessionLengths.count))
        singleEventSessions = Double(sessionLengths.values.filter { $0 == 1 }.count) / Double(max(1, sessionLengths.count))

        let plays = events.filter { $0.page == "NextSong" }
        struct Pair: Hashable { var song: String; var artist: String }
        let distinct = Set(plays.map { Pair(song: $0.song ?? "", artist: $0.artist ?? "") })
        distinctSongsPerPlay = Double(distinct.count) / Double(max(1, plays.count))
        nonASCIIPlays = Double(plays.filter {
            ($0.song ?? "").unicodeScalars.contains { !$0.isASCII } || ($0.artist ?? "").unicodeScalars.contains { !$0.isASCII }
        }.count) / Double(max(1, plays.count))

        let songs = data.songs
        songCount = songs.count
        let songTotal = Double(max(1, songs.count))
        yearZero = Double(songs.filter { $0.year == 0 }.count) / songTotal
        coordinatesNull = Double(songs.filter { $0.latitude == nil && $0.longitude == nil }.count) / songTotal
        emptyArtistLocation = Double(songs.filter { $0.location.isEmpty && !$0.locationIsNumber }.count) / songTotal
        numbersAsText = songs.filter { $0.artistNameIsNumber || $0.locationIsNumber }.count

        var durations: [Pair: [Double]] = [:]
        for song in songs { durations[Pair(song: song.title, artist: song.artistName), default: []].append(song.duration) }
        let matched = plays.filter { play in
            guard let song = play.song, let artist = play.artist, let length = play.length else { return false }
            return durations[Pair(song: song, artist: artist)]?.contains { abs($0 - length) < 0.001 } ?? false
        }.count
        matchRate = Double(matched) / Double(max(1, plays.count))
        matchRateAtFullCoverage = matchRate * Double(fullSongCount) / songTotal
    }
}
