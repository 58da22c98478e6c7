import Foundation
import Sandbox
import Testing

/// The shape of every generated file: valid JSON on every line, key order, nulls, types, timestamps,
/// sessions and levels as in the real logs (PRODUCT §7).
@Suite struct GeneratorShapeTests {
    static let eventKeys = [
        "artist", "auth", "firstName", "gender", "itemInSession", "lastName", "length", "level", "location",
        "method", "page", "registration", "sessionId", "song", "status", "ts", "userAgent", "userId",
    ]
    static let songKeys = [
        "artist_id", "artist_latitude", "artist_location", "artist_longitude", "artist_name", "duration",
        "num_songs", "song_id", "title", "year",
    ]
    /// Method and status per page, as in the real logs.
    static let requests: [String: (String, Int)] = [
        "NextSong": ("PUT", 200), "Home": ("GET", 200), "Login": ("PUT", 307), "Logout": ("PUT", 307),
        "Settings": ("GET", 200), "Save Settings": ("PUT", 307), "Help": ("GET", 200), "About": ("GET", 200),
        "Upgrade": ("GET", 200), "Submit Upgrade": ("PUT", 307), "Downgrade": ("GET", 200),
        "Submit Downgrade": ("PUT", 307), "Error": ("GET", 404),
    ]

    /// Positions of `"key":` in a compact line must increase in the given order.
    static func keysInOrder(_ line: ArraySlice<UInt8>, _ keys: [String]) -> Bool {
        let text = String(decoding: line, as: UTF8.self)
        var position = text.startIndex
        for key in keys {
            guard let range = text.range(of: "\"\(key)\":", range: position..<text.endIndex) else { return false }
            position = range.upperBound
        }
        return true
    }

    @Test(arguments: [0.1, 1.0]) func everyFileIsCompactASCIIJSONWithoutTrailingNewline(scale: Double) throws {
        let data = try (scale == 1 ? SharedSamples.scaleOne : SharedSamples.small).get()
        // Parsing every line with JSONSerialization happened while loading; count what was parsed.
        #expect(data.events.count == data.logFiles.map { SampleData.lines($0.bytes).count }.reduce(0, +))
        #expect(data.songs.count >= data.songFiles.count)
        for (path, bytes) in data.logFiles + data.songFiles {
            #expect(bytes.allSatisfy { $0 < 0x80 }, "\(path) has non-ASCII bytes")
            if let last = bytes.last { #expect(last == UInt8(ascii: "}"), "\(path) must end with }") }
        }
        for (path, bytes) in data.logFiles {
            for line in SampleData.lines(bytes) {
                #expect(Self.keysInOrder(line, Self.eventKeys), "\(path): event keys out of order")
                let text = String(decoding: line, as: UTF8.self)
                #expect(text.contains(#""registration":null,"#) || text.firstMatch(of: /"registration":\d{13}\.0,/) != nil,
                        "\(path): registration must be a float of milliseconds")
            }
        }
        for (path, bytes) in data.songFiles {
            for line in SampleData.lines(bytes) {
                #expect(Self.keysInOrder(line, Self.songKeys), "\(path): song keys must be alphabetical")
            }
        }
    }

    @Test func eventsHaveTheRealFieldRules() throws {
        let data = try SharedSamples.scaleOne.get()
        let monthStart = 1_541_030_400_000, monthEnd = 1_543_622_400_000
        var previousTimestamp = 0
        for (index, event) in data.events.enumerated() {
            #expect((monthStart..<monthEnd).contains(event.ts) && event.ts % 1000 == 796, "event \(index): ts \(event.ts)")
            #expect(event.ts >= previousTimestamp, "event \(index): events must be in time order")
            previousTimestamp = event.ts
            let request = try #require(Self.requests[event.page], "unknown page \(event.page)")
            #expect(event.method == request.0 && event.status == request.1, "event \(index): \(event.page)")
            #expect(event.level == "free" || event.level == "paid")
            let isSong = event.page == "NextSong"
            #expect((event.artist != nil) == isSong && (event.song != nil) == isSong && (event.length != nil) == isSong,
                    "event \(index): artist/song/length only on NextSong")
            let loggedOut = event.userId.isEmpty
            #expect(event.auth == (loggedOut ? "Logged Out" : "Logged In"))
            let listenerFields: [Any?] = [event.firstName, event.gender, event.lastName, event.location,
                                          event.registration, event.userAgent]
            #expect(listenerFields.allSatisfy { ($0 == nil) == loggedOut }, "event \(index): listener fields")
            if loggedOut {
                #expect(["Home", "Login", "About", "Help"].contains(event.page), "event \(index): logged out on \(event.page)")
            }
            if let agent = event.userAgent {
                #expect(agent.hasPrefix("\"") == agent.contains(","), "quoted exactly when the agent has a comma: \(agent)")
            }
            if let registration = event.registration {
                #expect(registration < Double(event.ts), "registration before activity")
            }
        }
        // Each file holds the events of its UTC day.
        var offset = 0
        for (day, count) in data.eventsPerFile.enumerated() {
            for event in data.events[offset..<offset + count] {
                #expect((event.ts - monthStart) / 86_400_000 == day)
            }
            offset += count
        }
    }

    @Test func sessionsCountItemsFromZeroAndBelongToOneListener() throws {
        let data = try SharedSamples.scaleOne.get()
        var items: [Int: [Int]] = [:]
        var listeners: [Int: Set<String>] = [:]
        for event in data.events {
            items[event.sessionId, default: []].append(event.itemInSession)
            if !event.userId.isEmpty { listeners[event.sessionId, default: []].insert(event.userId) }
        }
        for (session, sequence) in items {
            #expect(sequence == Array(0..<sequence.count), "session \(session): itemInSession \(sequence.prefix(10))")
        }
        #expect(listeners.values.allSatisfy { $0.count == 1 })
        // Sessions that start logged out exist, as in the real logs.
        #expect(data.events.contains { $0.itemInSession == 0 && $0.userId.isEmpty })
    }

    @Test func listenersChangeLevelOnlyRightAfterSubmitting() throws {
        let data = try SharedSamples.scaleOne.get()
        var last: [String: ParsedEvent] = [:]
        var changes = 0
        for event in data.events where !event.userId.isEmpty {
            if let previous = last[event.userId], previous.level != event.level {
                changes += 1
                let expected = event.level == "paid" ? "Submit Upgrade" : "Submit Downgrade"
                #expect(previous.page == expected, "user \(event.userId): \(previous.level) → \(event.level) after \(previous.page)")
            }
            last[event.userId] = event
            // Listener attributes never change.
        }
        #expect(changes > 0)
    }

    @Test func songObjectsLookLikeTheRealOnes() throws {
        let data = try SharedSamples.scaleOne.get()
        for song in data.songs {
            #expect((song.latitude == nil) == (song.longitude == nil), "\(song.songID): both coordinates or neither")
            #expect(song.numSongs == 1)
            #expect(song.year == 0 || (1950...2010).contains(song.year))
            #expect(song.duration > 10 && song.duration < 3_001)
        }
        #expect(data.songs.contains { $0.artistNameIsNumber })
        #expect(data.songs.contains { $0.locationIsNumber })
        let raw = data.songFiles.map { String(decoding: $0.bytes, as: UTF8.self) }
        #expect(raw.contains { $0.contains("\\u00") }, "some text has \\u escapes")
        #expect(raw.contains { $0.contains("\\/") }, "slashes are escaped")
    }
}
