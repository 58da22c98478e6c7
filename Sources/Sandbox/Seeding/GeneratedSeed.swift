/// The generator's files as seed files, produced as the upload pulls them (no temporary directory).
enum GeneratedSeed {
    static func files(scale: Double, seed: UInt64) throws(SandboxError) -> (AnySequence<SeedFile>, Int) {
        let generator: DataGenerator
        do { generator = try DataGenerator(scale: scale, seed: seed) } catch {
            throw .invalidOption(option: "--scale", reason: error.description)
        }
        let files = AnySequence { generator.files().lazy.map { SeedFile(key: $0.relativePath, body: .bytes($0.bytes)) }.makeIterator() }
        return (files, generator.fileCount)
    }
}
