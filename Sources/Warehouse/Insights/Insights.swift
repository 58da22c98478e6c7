import Foundation

/// The answers to the analysts' questions (issue #10), read from the star schema in one snapshot.
public struct Insights: Sendable, Equatable {
    public struct User: Sendable, Equatable {
        public var userID: String
        public var firstName: String?
        public var lastName: String?
        public var level: String?
        public var plays: Int

        public init(userID: String, firstName: String?, lastName: String?, level: String?, plays: Int) {
            self.userID = userID
            self.firstName = firstName
            self.lastName = lastName
            self.level = level
            self.plays = plays
        }

        /// "Lily Koch", or the id when the user has no name.
        public var name: String {
            let parts = [firstName, lastName].compactMap { $0 }.filter { !$0.isEmpty }
            return parts.isEmpty ? "user \(userID)" : parts.joined(separator: " ")
        }
    }

    public struct Location: Sendable, Equatable {
        public var location: String
        public var plays: Int

        public init(location: String, plays: Int) {
            self.location = location
            self.plays = plays
        }
    }

    public struct Song: Sendable, Equatable {
        public var songID: String
        public var title: String?
        public var artist: String?
        public var plays: Int

        public init(songID: String, title: String?, artist: String?, plays: Int) {
            self.songID = songID
            self.title = title
            self.artist = artist
            self.plays = plays
        }
    }

    public struct Artist: Sendable, Equatable {
        public var artistID: String
        public var name: String?
        public var plays: Int

        public init(artistID: String, name: String?, plays: Int) {
            self.artistID = artistID
            self.name = name
            self.plays = plays
        }
    }

    /// Free and paid counts.
    public struct Levels: Sendable, Equatable {
        public var free: Int
        public var paid: Int

        public init(free: Int, paid: Int) {
            self.free = free
            self.paid = paid
        }

        public var total: Int { free + paid }
    }

    public var plays: Int
    /// Plays whose song_id is set: matched to a staged song.
    public var matchedPlays: Int
    public var users: Int
    /// 24 entries, hour 0 first.
    public var byHour: [Int]
    /// 7 entries, 0 = Sunday.
    public var byWeekday: [Int]
    /// Plays by the level the user had when playing.
    public var byLevel: Levels
    /// Users by their current level.
    public var usersByLevel: Levels
    /// Entry 0 is day 1; as many entries as the last day of the month that has plays.
    public var byDay: [Int]
    public var topUsers: [User]
    public var topLocations: [Location]
    public var topSongs: [Song]
    public var topArtists: [Artist]
    /// When they were read.
    public var at: Date

    public init(plays: Int, matchedPlays: Int, users: Int, byHour: [Int], byWeekday: [Int], byLevel: Levels,
                usersByLevel: Levels, byDay: [Int], topUsers: [User], topLocations: [Location], topSongs: [Song],
                topArtists: [Artist], at: Date) {
        self.plays = plays
        self.matchedPlays = matchedPlays
        self.users = users
        self.byHour = byHour
        self.byWeekday = byWeekday
        self.byLevel = byLevel
        self.usersByLevel = usersByLevel
        self.byDay = byDay
        self.topUsers = topUsers
        self.topLocations = topLocations
        self.topSongs = topSongs
        self.topArtists = topArtists
        self.at = at
    }

    public static let defaultTop = 10

    /// Runs ``InsightsSQL`` in one read-only snapshot (always rolled back), every statement in one
    /// round trip. A missing star table fails with SQLSTATE 42P01: the tables are not built yet.
    public static func read(top: Int = defaultTop, on connection: Connection) async throws(DatabaseError) -> Insights {
        let at = Date()
        let statements = InsightsSQL.statements(top: top, dialect: connection.dialect)
        do {
            let results = try await connection.executeBatch([InsightsSQL.begin] + statements + ["ROLLBACK"])
            return Insights(Array(results.dropFirst().prefix(statements.count)), at: at)
        } catch {
            // The server skipped the ROLLBACK after the failing statement.
            _ = try? await connection.executeUncancellable("ROLLBACK")
            throw error
        }
    }

    /// From the rows of ``InsightsSQL/statements(top:dialect:)``, in that order. Pure.
    init(_ results: [QueryResult], at: Date) {
        func int(_ text: String?) -> Int { text.flatMap { Int($0) } ?? 0 }
        func levels(_ counts: [String: Int]) -> Levels { Levels(free: counts["free"] ?? 0, paid: counts["paid"] ?? 0) }
        var byHour = [Int](repeating: 0, count: 24), byWeekday = [Int](repeating: 0, count: 7), byDay = [Int](repeating: 0, count: 31)
        var plays = 0, matched = 0, lastDay = 0
        var playsByLevel: [String: Int] = [:]
        // (hour, weekday, day, level, plays, matched plays); hour, weekday and day are NULL for a play
        // the time dimension lacks.
        for row in results[0].rows {
            let count = int(row[4])
            plays += count
            matched += int(row[5])
            if let level = row[3] { playsByLevel[level, default: 0] += count }
            if let hour = row[0].flatMap({ Int($0) }), byHour.indices.contains(hour) { byHour[hour] += count }
            if let weekday = row[1].flatMap({ Int($0) }), byWeekday.indices.contains(weekday) { byWeekday[weekday] += count }
            if let day = row[2].flatMap({ Int($0) }), byDay.indices.contains(day - 1) {
                byDay[day - 1] += count
                lastDay = max(lastDay, day)
            }
        }
        var usersByLevel: [String: Int] = [:]
        for row in results[1].rows { usersByLevel[row[0] ?? "", default: 0] += int(row[1]) }
        self.init(
            plays: plays, matchedPlays: matched, users: usersByLevel.values.reduce(0, +),
            byHour: byHour, byWeekday: byWeekday, byLevel: levels(playsByLevel), usersByLevel: levels(usersByLevel),
            byDay: Array(byDay.prefix(lastDay)),
            topUsers: results[2].rows.map { User(userID: $0[0] ?? "", firstName: $0[1], lastName: $0[2], level: $0[3], plays: int($0[4])) },
            topLocations: results[3].rows.map { Location(location: $0[0] ?? "", plays: int($0[1])) },
            topSongs: results[4].rows.map { Song(songID: $0[0] ?? "", title: $0[1], artist: $0[2], plays: int($0[3])) },
            topArtists: results[5].rows.map { Artist(artistID: $0[0] ?? "", name: $0[1], plays: int($0[2])) },
            at: at)
    }
}
