import Foundation

/// Generates Sparkify-shaped sample data: a month of app event logs, a song catalogue and the JSONPaths
/// file, at the keys the real bucket uses (`log_data/2018/11/2018-11-DD-events.json`,
/// `song_data/A/<X>/<Y>/TR….json`, `log_json_path.json`).
///
/// Scale 1 is the real data's size: 30 daily log files with about 8,000 events (97 listeners) and 14,896
/// single-song files. Scale N multiplies listeners, sessions and songs; above 1, each song file holds
/// `ceil(N)` songs (one compact object per line) so the file count stays near 15k. Fractional scales
/// below 1 give small sets for tests.
///
/// The output is a pure function of scale and seed: the same pair gives byte-identical files (own
/// SplitMix64 streams, integer arithmetic for every number written, no dictionaries). Generation streams:
/// events come out of a merge of the active sessions, songs are derived from their index, so memory stays
/// flat as the scale grows.
///
/// ```swift
/// let generator = try DataGenerator(scale: 1, seed: DataGenerator.defaultSeed)
/// for file in generator.files() { upload(file.relativePath, file.bytes) }      // no temporary directory
/// try generator.write(to: "/tmp/sparkify-data") { progress in print(progress.filesDone) }
/// ```
public struct DataGenerator: Sendable {
    /// The seed `sparkify generate` and `sparkify sandbox up` use when none is given.
    public static let defaultSeed: UInt64 = 2018
    public static let maximumScale = 10_000.0

    /// Sizes of the real data set that scale 1 reproduces.
    static let realSongCount = 14_896
    /// Listeners in the month; about 97 of them (the real count) have events, the others stay away.
    static let listenerCount = 110
    static let realEventCount = 8_056
    /// Mean events per generated session (measured), to turn an event target into a session rate.
    static let eventsPerSession = 8.8
    /// Distinct outside-the-catalogue songs per unit of scale: with the skewed popularity, about 78% of
    /// plays are of distinct songs, as in the real logs.
    static let outsideSongsPerScale = 20_000

    public let scale: Double
    public let seed: UInt64
    /// Only these days' log files (1…30), and no song files or JSONPaths: `generate --days 21..25` for
    /// an incremental run to pick up. The events are the full month's for those days (the stream runs
    /// through the days before without writing them). nil: everything.
    public var days: ClosedRange<Int>?
    let catalogue: SongCatalogue
    let songFiles: SongFiles
    let listenerCount: Int

    /// Validates the scale; nothing is generated until `files()` or `write(to:progress:)`.
    public init(scale: Double = 1, seed: UInt64 = DataGenerator.defaultSeed) throws(GeneratorError) {
        guard scale.isFinite, scale > 0, scale <= DataGenerator.maximumScale else {
            throw .invalidScale(scale)
        }
        self.scale = scale
        self.seed = seed
        catalogue = SongCatalogue(seed: seed, count: max(1, Int((Double(DataGenerator.realSongCount) * scale).rounded())))
        songFiles = SongFiles(catalogue: catalogue, songsPerFile: scale <= 1 ? 1 : Int(scale.rounded(.up)))
        listenerCount = max(2, Int((Double(DataGenerator.listenerCount) * scale).rounded()))
    }

    /// The days of November 2018 that exist: 1…30.
    public static let allDays = 1...Arrivals.days

    /// Number of log files written (one per day of November 2018, or of `days`).
    public var logFileCount: Int { days?.count ?? Arrivals.days }
    public var songFileCount: Int { days == nil ? songFiles.count : 0 }
    public var songCount: Int { days == nil ? catalogue.count : 0 }
    /// All files written: JSONPaths, logs, songs.
    public var fileCount: Int { (days == nil ? 1 : 0) + logFileCount + songFileCount }

    /// Every file in a fixed order (JSONPaths, the 30 log files by day, then the song files), each built
    /// when the iteration reaches it. A log file is held whole while it is yielded (about scale × 0.5 MB).
    public func files() -> GeneratedFiles {
        GeneratedFiles(generator: self)
    }

    /// Writes every file under `directory` (created if missing). Log files are streamed in 256 KB chunks;
    /// song files are written by a second thread meanwhile, so both cores work. Blocks until done: call it
    /// from a thread of your own, not from the Swift concurrency pool. `progress` is called after each
    /// file, one call at a time, from either thread.
    @discardableResult
    public func write(
        to directory: String, progress: (@Sendable (GenerationProgress) -> Void)? = nil
    ) throws(GeneratorError) -> GenerationSummary {
        let shared = WriteProgress(fileCount: fileCount, songFileCount: songFileCount, report: progress)
        let songsDone = DispatchSemaphore(value: 0)
        Thread.detachNewThread { [self] in
            do throws(GeneratorError) {
                try writeSongFiles(to: directory, shared: shared)
            } catch {
                shared.fail(error)
            }
            songsDone.signal()
        }

        var logs = makeLogFiles()
        var skippedEvents = 0
        do throws(GeneratorError) {
            var writer = try DirectoryWriter(root: directory)
            if days == nil {
                let paths = JSONPathsFile.contents
                let pathsFile = try writer.create(JSONPathsFile.path)
                try pathsFile.write(paths)
                try pathsFile.close()
                shared.fileDone(bytes: paths.count)
            }

            var text = JSONText(reservingCapacity: 300_000)
            var day = 0
            while let path = logs.nextFile(), !shared.failed {
                day += 1
                if let days, day > days.upperBound { break }
                if let days, !days.contains(day) {
                    // Run the stream through the day unwritten, so later days get the month's events.
                    let before = logs.eventCount
                    var more = true
                    while more {
                        text.removeAll()
                        more = logs.appendEvents(to: &text, limit: 256 * 1024)
                    }
                    skippedEvents += logs.eventCount - before
                    continue
                }
                let file = try writer.create(path)
                var bytes = 0
                var more = true
                while more {
                    text.removeAll()
                    more = logs.appendEvents(to: &text, limit: 256 * 1024)
                    bytes += text.bytes.count
                    try file.write(text.bytes)
                }
                try file.close()
                shared.fileDone(bytes: bytes)
            }
            // Then help with the song files.
            try writeSongFiles(to: directory, shared: shared)
        } catch {
            shared.fail(error)
        }
        songsDone.wait()
        if let error = shared.error { throw error }
        let done = shared.progress
        return GenerationSummary(
            fileCount: done.filesDone, byteCount: done.bytesWritten, eventCount: logs.eventCount - skippedEvents,
            songCount: songCount)
    }

    /// `write(to:progress:)` for async callers: runs on a thread of its own, off the concurrency pool.
    @discardableResult
    public func write(
        to directory: String, progress: (@Sendable (GenerationProgress) -> Void)? = nil
    ) async throws(GeneratorError) -> GenerationSummary {
        do {
            return try await onOwnThread("generate") { () throws -> GenerationSummary in
                try self.write(to: directory, progress: progress)
            }
        } catch let error as GeneratorError {
            throw error
        } catch {
            throw .cannotWrite(path: directory, reason: "\(error)")
        }
    }

    /// Writes song files claimed one at a time from `shared` until none are left.
    private func writeSongFiles(to directory: String, shared: WriteProgress) throws(GeneratorError) {
        var writer = try DirectoryWriter(root: directory)
        var text = JSONText(reservingCapacity: 64 * 1024)
        while let index = shared.claimSongFile() {
            text.removeAll()
            songFiles.contents(ofFile: index, into: &text)
            let file = try writer.create(songFiles.path(ofFile: index))
            try file.write(text.bytes)
            try file.close()
            shared.fileDone(bytes: text.bytes.count)
        }
    }

    func makeLogFiles() -> LogFiles {
        let listeners = Listeners(seed: seed, count: listenerCount)
        let playlist = Playlist(
            catalogue: catalogue, outsideCount: max(1, Int(Double(DataGenerator.outsideSongsPerScale) * scale)))
        let sessions = Double(DataGenerator.realEventCount) * scale / DataGenerator.eventsPerSession
        return LogFiles(stream: LogEventStream(
            seed: seed, listeners: listeners, playlist: playlist, expectedSessions: sessions))
    }
}
