import Foundation

/// What the two writer threads of `DataGenerator.write` share: the next song file to claim, the progress
/// count and the first error. Every access holds the lock.
final class WriteProgress: @unchecked Sendable {
    private let lock = NSLock()
    private let report: (@Sendable (GenerationProgress) -> Void)?
    private let songFileCount: Int
    private var nextSongFile = 0
    private var current: GenerationProgress
    private var firstError: GeneratorError?

    init(fileCount: Int, songFileCount: Int, report: (@Sendable (GenerationProgress) -> Void)?) {
        self.report = report
        self.songFileCount = songFileCount
        current = GenerationProgress(filesDone: 0, fileCount: fileCount, bytesWritten: 0)
    }

    var progress: GenerationProgress { lock.withLock { current } }
    var error: GeneratorError? { lock.withLock { firstError } }
    var failed: Bool { error != nil }

    /// The next song file index to write, or nil when all are claimed or a writer failed.
    func claimSongFile() -> Int? {
        lock.withLock {
            guard firstError == nil, nextSongFile < songFileCount else { return nil }
            defer { nextSongFile += 1 }
            return nextSongFile
        }
    }

    func fileDone(bytes: Int) {
        lock.withLock {
            current.filesDone += 1
            current.bytesWritten += bytes
            report?(current)
        }
    }

    func fail(_ error: GeneratorError) {
        lock.withLock {
            if firstError == nil { firstError = error }
        }
    }
}
