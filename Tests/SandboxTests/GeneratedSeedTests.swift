import Foundation
import Testing
@testable import Sandbox

@Suite struct GeneratedSeedTests {
    @Test func theGeneratorsFilesBecomeSeedFilesAtTheirKeys() throws {
        let (files, count) = try GeneratedSeed.files(scale: 0.01, seed: 7)
        let generator = try DataGenerator(scale: 0.01, seed: 7)
        #expect(count == generator.fileCount)
        let seeded = Array(files)
        let generated = Array(generator.files())
        #expect(seeded.map(\.key) == generated.map(\.relativePath))
        #expect(seeded.first?.key == "log_json_path.json")
        #expect(try seeded[1].data() == Data(generated[1].bytes))
        // The sequence can be walked again (each walk generates afresh).
        #expect(Array(files).count == count)
    }

    @Test func anUnusableScaleIsAUsageError() {
        #expect {
            try GeneratedSeed.files(scale: 0, seed: 7)
        } throws: { error in
            guard let error = error as? SandboxError, error.isUsageError else { return false }
            return error.description.hasPrefix("--scale: scale 0.0 is out of range")
        }
    }
}
