/// One generated file: its key relative to the data root (`song_data/A/B/C/TRABC….json`) and its bytes.
public struct GeneratedFile: Sendable {
    public let relativePath: String
    public let bytes: [UInt8]
}

/// The files of a `DataGenerator`, produced one at a time in a fixed order.
public struct GeneratedFiles: Sequence, IteratorProtocol {
    private let generator: DataGenerator
    private var logs: LogFiles
    private var stage = 0
    private var songFile = 0

    init(generator: DataGenerator) {
        self.generator = generator
        logs = generator.makeLogFiles()
    }

    public mutating func next() -> GeneratedFile? {
        if stage == 0 {
            stage = 1
            return GeneratedFile(relativePath: JSONPathsFile.path, bytes: JSONPathsFile.contents)
        }
        if stage == 1 {
            if let path = logs.nextFile() {
                var text = JSONText()
                _ = logs.appendEvents(to: &text, limit: .max)
                return GeneratedFile(relativePath: path, bytes: text.bytes)
            }
            stage = 2
        }
        guard songFile < generator.songFiles.count else { return nil }
        defer { songFile += 1 }
        var text = JSONText()
        generator.songFiles.contents(ofFile: songFile, into: &text)
        return GeneratedFile(relativePath: generator.songFiles.path(ofFile: songFile), bytes: text.bytes)
    }
}
