import Foundation
import Sandbox

/// One app event as the tests see it, parsed with JSONSerialization (independently of the generator).
struct ParsedEvent: Sendable {
    var artist: String?
    var auth: String
    var firstName: String?
    var gender: String?
    var itemInSession: Int
    var lastName: String?
    var length: Double?
    var level: String
    var location: String?
    var method: String
    var page: String
    var registration: Double?
    var sessionId: Int
    var song: String?
    var status: Int
    var ts: Int
    var userAgent: String?
    var userId: String
}

/// One song object of `song_data`, parsed with JSONSerialization.
struct ParsedSong: Sendable {
    var artistID: String
    var latitude: Double?
    var longitude: Double?
    /// Text values; `…IsNumber` says the file held a JSON number instead.
    var location: String
    var locationIsNumber: Bool
    var artistName: String
    var artistNameIsNumber: Bool
    var duration: Double
    var numSongs: Int
    var songID: String
    var title: String
    var year: Int
}

/// A data set (generated or the real sample) as raw files and parsed objects.
struct SampleData: Sendable {
    /// Relative path and bytes, in the order read.
    var logFiles: [(path: String, bytes: [UInt8])] = []
    var songFiles: [(path: String, bytes: [UInt8])] = []
    var jsonPaths: [UInt8] = []
    var events: [ParsedEvent] = []
    var eventsPerFile: [Int] = []
    var songs: [ParsedSong] = []

    enum ParseError: Error, CustomStringConvertible {
        case invalid(path: String, line: Int, reason: String)
        var description: String {
            switch self {
            case .invalid(let path, let line, let reason): "\(path) line \(line): \(reason)"
            }
        }
    }

    /// The generator's output, taken from `files()` (no disk involved).
    static func generated(scale: Double, seed: UInt64 = DataGenerator.defaultSeed) throws -> SampleData {
        var data = SampleData()
        for file in try DataGenerator(scale: scale, seed: seed).files() {
            try data.add(path: file.relativePath, bytes: file.bytes)
        }
        return data
    }

    /// A data directory on disk (log_data/, song_data/, log_json_path.json), files in sorted order.
    static func read(directory: URL) throws -> SampleData {
        var data = SampleData()
        let root = directory.standardizedFileURL.path
        let enumerator = FileManager.default.enumerator(atPath: root)
        var paths: [String] = []
        while let relative = enumerator?.nextObject() as? String {
            if relative.hasSuffix(".json") { paths.append(relative) }
        }
        for path in paths.sorted() {
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: root + "/" + path)))
            try data.add(path: path, bytes: bytes)
        }
        return data
    }

    private mutating func add(path: String, bytes: [UInt8]) throws {
        if path == "log_json_path.json" {
            jsonPaths = bytes
        } else if path.hasPrefix("log_data/") {
            logFiles.append((path, bytes))
            let lines = SampleData.lines(bytes)
            eventsPerFile.append(lines.count)
            for (number, line) in lines.enumerated() {
                events.append(try ParsedEvent(object: SampleData.object(line, path: path, line: number + 1), path: path, line: number + 1))
            }
        } else if path.hasPrefix("song_data/") {
            songFiles.append((path, bytes))
            for (number, line) in SampleData.lines(bytes).enumerated() {
                songs.append(try ParsedSong(object: SampleData.object(line, path: path, line: number + 1), path: path, line: number + 1))
            }
        }
    }

    /// Newline-separated lines; an empty file has none.
    static func lines(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        bytes.isEmpty ? [] : bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
    }

    static func object(_ line: ArraySlice<UInt8>, path: String, line number: Int) throws -> [String: Any] {
        do {
            guard let object = try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] else {
                throw ParseError.invalid(path: path, line: number, reason: "not a JSON object")
            }
            return object
        } catch let error as ParseError {
            throw error
        } catch {
            throw ParseError.invalid(path: path, line: number, reason: "invalid JSON: \(error)")
        }
    }
}

extension ParsedEvent {
    init(object: [String: Any], path: String, line: Int) throws {
        func text(_ key: String) throws -> String? {
            switch object[key] {
            case is NSNull: return nil
            case let value as String: return value
            default: throw SampleData.ParseError.invalid(path: path, line: line, reason: "\(key) is not text or null")
            }
        }
        func number(_ key: String) throws -> NSNumber? {
            switch object[key] {
            case is NSNull: return nil
            case let value as NSNumber: return value
            default: throw SampleData.ParseError.invalid(path: path, line: line, reason: "\(key) is not a number or null")
            }
        }
        func required<T>(_ value: T?, _ key: String) throws -> T {
            guard let value else { throw SampleData.ParseError.invalid(path: path, line: line, reason: "\(key) is null or missing") }
            return value
        }
        guard object.count == 18 else {
            throw SampleData.ParseError.invalid(path: path, line: line, reason: "\(object.count) keys, expected 18")
        }
        artist = try text("artist")
        auth = try required(text("auth"), "auth")
        firstName = try text("firstName")
        gender = try text("gender")
        itemInSession = try required(number("itemInSession"), "itemInSession").intValue
        lastName = try text("lastName")
        length = try number("length")?.doubleValue
        level = try required(text("level"), "level")
        location = try text("location")
        method = try required(text("method"), "method")
        page = try required(text("page"), "page")
        registration = try number("registration")?.doubleValue
        sessionId = try required(number("sessionId"), "sessionId").intValue
        song = try text("song")
        status = try required(number("status"), "status").intValue
        ts = try required(number("ts"), "ts").intValue
        userAgent = try text("userAgent")
        userId = try required(text("userId"), "userId")
    }
}

extension ParsedSong {
    init(object: [String: Any], path: String, line: Int) throws {
        func fail(_ reason: String) -> SampleData.ParseError { .invalid(path: path, line: line, reason: reason) }
        func textOrNumber(_ key: String) throws -> (String, Bool) {
            switch object[key] {
            case let value as String: return (value, false)
            case let value as NSNumber: return (value.stringValue, true)
            default: throw fail("\(key) is neither text nor a number")
            }
        }
        func optionalNumber(_ key: String) throws -> Double? {
            switch object[key] {
            case is NSNull: return nil
            case let value as NSNumber: return value.doubleValue
            default: throw fail("\(key) is not a number or null")
            }
        }
        guard object.count == 10 else { throw fail("\(object.count) keys, expected 10") }
        guard let artistID = object["artist_id"] as? String, let songID = object["song_id"] as? String,
              let title = object["title"] as? String, let duration = object["duration"] as? NSNumber,
              let numSongs = object["num_songs"] as? NSNumber, let year = object["year"] as? NSNumber
        else { throw fail("artist_id, song_id, title, duration, num_songs or year missing or mistyped") }
        self.artistID = artistID
        self.songID = songID
        self.title = title
        self.duration = duration.doubleValue
        self.numSongs = numSongs.intValue
        self.year = year.intValue
        latitude = try optionalNumber("artist_latitude")
        longitude = try optionalNumber("artist_longitude")
        (location, locationIsNumber) = try textOrNumber("artist_location")
        (artistName, artistNameIsNumber) = try textOrNumber("artist_name")
    }
}

/// The generated data sets the suites share: generated once per test process.
enum SharedSamples {
    static let scaleOne: Result<SampleData, Error> = Result { try SampleData.generated(scale: 1) }
    static let small: Result<SampleData, Error> = Result { try SampleData.generated(scale: 0.1) }
}
