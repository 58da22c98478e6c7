/// The files a ``SeedSource`` stands for, ready to stream into the bucket.
struct SeedContent {
    var files: AnySequence<SeedFile>
    var count: Int
    var warnings: [String]

    init(_ source: SeedSource) throws(SandboxError) {
        switch source {
        case .directory(let path):
            let directory = try DataDirectory(path)
            files = AnySequence(directory.files)
            count = directory.files.count
            warnings = directory.warnings
        case .generated(let scale, let seed):
            (files, count) = try GeneratedSeed.files(scale: scale, seed: seed)
            warnings = []
        }
    }
}
