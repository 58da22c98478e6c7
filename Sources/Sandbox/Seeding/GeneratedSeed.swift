/// The generator's files as seed files, streamed (no temporary directory).
enum GeneratedSeed {
    static func files(scale: Double, seed: UInt64) throws(SandboxError) -> (AnySequence<SeedFile>, Int) {
        // TODO(gen): wire DataGenerator(scale:seed:).files() once the generator lands in main.
        throw .badDataDirectory(path: "(generated)", reason: "the data generator is not in this build yet; pass --data DIR")
    }
}
