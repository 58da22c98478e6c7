import Foundation
import Warehouse

extension InsightsPicture {
    /// From plain values, for faces that draw without a database (previews, the console's tests).
    public init(plays: Int, matchedPlays: Int, users: Int, byHour: [Int], byWeekday: [Int], playsFreePaid: (Int, Int),
                usersFreePaid: (Int, Int), byDay: [Int],
                topUsers: [(id: String, first: String?, last: String?, level: String?, plays: Int)],
                topLocations: [(location: String, plays: Int)], topSongs: [(id: String, title: String?, artist: String?, plays: Int)],
                topArtists: [(id: String, name: String?, plays: Int)], at: Date) {
        self.init(Insights(
            plays: plays, matchedPlays: matchedPlays, users: users, byHour: byHour, byWeekday: byWeekday,
            byLevel: .init(free: playsFreePaid.0, paid: playsFreePaid.1), usersByLevel: .init(free: usersFreePaid.0, paid: usersFreePaid.1),
            byDay: byDay,
            topUsers: topUsers.map { .init(userID: $0.id, firstName: $0.first, lastName: $0.last, level: $0.level, plays: $0.plays) },
            topLocations: topLocations.map { .init(location: $0.location, plays: $0.plays) },
            topSongs: topSongs.map { .init(songID: $0.id, title: $0.title, artist: $0.artist, plays: $0.plays) },
            topArtists: topArtists.map { .init(artistID: $0.id, name: $0.name, plays: $0.plays) }, at: at))
    }
}

extension RunHistory {
    /// A run as plain values, for faces that draw without a database (previews, the console's tests).
    public struct Example: Sendable {
        public var id: String
        public var started: Date
        public var seconds: Double?
        public var outcome: String
        public var rows: Int?
        public var message: String?
        /// Who ran it where, with which sparkify (nil: recorded before etl_runs kept them).
        public var user: String?, host: String?, version: String?
        /// name, seconds, rows, outcome
        public var stages: [(name: String, seconds: Double, rows: Int, outcome: String)]
        /// table, file, line, column, reason, raw text
        public var rejected: [(table: String, file: String, line: Int, column: String, reason: String, raw: String)]

        public init(id: String, started: Date, seconds: Double?, outcome: String, rows: Int?, message: String? = nil,
                    user: String? = nil, host: String? = nil, version: String? = nil,
                    stages: [(name: String, seconds: Double, rows: Int, outcome: String)] = [],
                    rejected: [(table: String, file: String, line: Int, column: String, reason: String, raw: String)] = []) {
            self.id = id
            self.started = started
            self.seconds = seconds
            self.outcome = outcome
            self.rows = rows
            self.message = message
            (self.user, self.host, self.version) = (user, host, version)
            self.stages = stages
            self.rejected = rejected
        }
    }

    public init(examples: [Example]) {
        var runs: [ETLRunSummary] = [], errors: [String: [LoadErrorRecord]] = [:]
        for example in examples {
            var offset = 0.0
            let stages = example.stages.map { stage in
                defer { offset += stage.seconds }
                return ETLRunRecord.make(runID: example.id, stage: stage.name, startedAt: example.started + offset,
                                    finishedAt: example.started + offset + stage.seconds, rows: stage.rows, bytes: nil,
                                    seconds: stage.seconds, outcome: ETLOutcome(rawValue: stage.outcome) ?? .failed, message: nil)
            }
            runs.append(ETLRunSummary(
                run: ETLRunRecord.make(runID: example.id, stage: ETLRunLog.runStage, startedAt: example.started,
                                  finishedAt: example.seconds.map { example.started + $0 }, rows: example.rows, bytes: nil,
                                  seconds: example.seconds, outcome: ETLOutcome(rawValue: example.outcome) ?? .failed,
                                  message: example.message, user: example.user, host: example.host,
                                  version: example.version),
                stages: stages))
            errors[example.id] = example.rejected.map {
                LoadErrorRecord(table: $0.table, startTime: example.started, filename: $0.file, lineNumber: $0.line,
                                columnName: $0.column, type: nil, columnLength: nil, position: nil, rawLine: $0.raw,
                                rawFieldValue: nil, errorCode: nil, reason: $0.reason)
            }
        }
        self.init(runs: runs, errors: errors)
    }
}
