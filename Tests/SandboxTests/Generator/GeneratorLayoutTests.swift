import Foundation
import Sandbox
import Testing
import TestSupport

/// File names, counts and the JSONPaths file.
@Suite struct GeneratorLayoutTests {
    @Test func scaleOneHasThirtyDailyLogFilesAndTheRealSongFileCount() throws {
        let data = try SharedSamples.scaleOne.get()
        #expect(data.logFiles.map(\.path) == (1...30).map { String(format: "log_data/2018/11/2018-11-%02d-events.json", $0) })
        #expect(data.songFiles.count == 14_896)
        #expect(data.songs.count == 14_896)
        #expect(Set(data.songFiles.map(\.path)).count == 14_896)
        #expect(Set(data.songs.map(\.songID)).count == 14_896)
        #expect((7_000...9_500).contains(data.events.count))
        let generator = try DataGenerator(scale: 1)
        #expect(generator.fileCount == 1 + 30 + 14_896)
        #expect(generator.songFileCount == 14_896)
    }

    @Test func songFilesLiveUnderTheirTrackIDsLetters() throws {
        let data = try SharedSamples.scaleOne.get()
        let pattern = try Regex("^song_data/A/([A-Z])/([A-Z])/TRA([A-Z])([A-Z])[A-Z]{2}12[0-9A-F]{9}\\.json$")
        for (path, _) in data.songFiles {
            let match = try #require(path.wholeMatch(of: pattern), "\(path)")
            #expect(match.output[1].substring == match.output[3].substring && match.output[2].substring == match.output[4].substring,
                    "\(path): directories must be the id's 4th and 5th letters")
        }
        let songID = try Regex("^SO[A-Z]{5}12A[0-9A-F]{8}$"), artistID = try Regex("^AR[A-Z0-9]{5}11[0-9A-F]{9}$")
        for song in data.songs {
            #expect(song.songID.wholeMatch(of: songID) != nil, "\(song.songID)")
            #expect(song.artistID.wholeMatch(of: artistID) != nil, "\(song.artistID)")
        }
    }

    @Test func jsonPathsFileIsTheRealOne() throws {
        let data = try SharedSamples.small.get()
        let expected = """
            {
                "jsonpaths": [
                    "$['artist']",
                    "$['auth']",
                    "$['firstName']",
                    "$['gender']",
                    "$['itemInSession']",
                    "$['lastName']",
                    "$['length']",
                    "$['level']",
                    "$['location']",
                    "$['method']",
                    "$['page']",
                    "$['registration']",
                    "$['sessionId']",
                    "$['song']",
                    "$['status']",
                    "$['ts']",
                    "$['userAgent']",
                    "$['userId']"
                ]
            }
            """
        #expect(String(decoding: data.jsonPaths, as: UTF8.self) == expected)
        if let shared = SharedFixtures.directory("data/udacity-sample") {
            let real = try Data(contentsOf: shared.appendingPathComponent("log_json_path.json"))
            #expect(data.jsonPaths == [UInt8](real))
        }
    }

    @Test func aboveScaleOneSongFilesHoldSeveralSongsOnePerLine() throws {
        let generator = try DataGenerator(scale: 2.5)
        #expect(generator.songCount == 37_240)
        #expect(generator.songFileCount == 12_414)  // ceil(37,240 / 3)
        var iterator = generator.files().makeIterator()
        var songFile: GeneratedFile?
        while let file = iterator.next() {
            if file.relativePath.hasPrefix("song_data/") { songFile = file; break }
        }
        let file = try #require(songFile)
        let lines = SampleData.lines(file.bytes)
        #expect(lines.count == 3)
        #expect(file.bytes.last == UInt8(ascii: "}"))
    }

    @Test func invalidScalesAreRefused() {
        #expect(throws: GeneratorError.invalidScale(0)) { try DataGenerator(scale: 0) }
        #expect(throws: GeneratorError.invalidScale(-1)) { try DataGenerator(scale: -1) }
        #expect(throws: GeneratorError.invalidScale(20_000)) { try DataGenerator(scale: 20_000) }
        #expect((try? DataGenerator(scale: .nan)) == nil)
    }
}
