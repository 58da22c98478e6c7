import Foundation
import Sandbox
import Testing
import TestSupport

/// Same scale and seed → the same bytes, through `files()` and through `write(to:)`, in this process and
/// in any other (the digest below is literal).
@Suite struct GeneratorDeterminismTests {
    /// FNV-1a over every path and file, in order.
    static func digest(_ files: some Sequence<GeneratedFile>) -> (files: Int, bytes: Int, digest: UInt64) {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        var count = 0, bytes = 0
        func mix(_ data: some Sequence<UInt8>) {
            for byte in data {
                hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
            }
        }
        for file in files {
            mix(file.relativePath.utf8)
            mix(file.bytes)
            count += 1
            bytes += file.bytes.count
        }
        return (count, bytes, hash)
    }

    @Test func sameSeedGivesTheSameBytesAndAnotherSeedOthers() throws {
        let first = Self.digest(try DataGenerator(scale: 0.05, seed: 7).files())
        let again = Self.digest(try DataGenerator(scale: 0.05, seed: 7).files())
        let other = Self.digest(try DataGenerator(scale: 0.05, seed: 8).files())
        #expect(first == again)
        #expect(first.digest != other.digest)
    }

    /// Guards against output that depends on the process (hash seeds, dictionary order, locale). Changing
    /// the generator on purpose changes this value: record it from the failure message.
    @Test func outputIsStableAcrossProcesses() throws {
        let result = Self.digest(try DataGenerator(scale: 0.02, seed: 7).files())
        #expect(result.files == 329)
        #expect(String(result.digest, radix: 16) == "66efe8caa91a2a0b")
    }

    @Test func writingToDiskGivesTheSameFilesAsTheSequence() throws {
        let generator = try DataGenerator(scale: 0.05, seed: 11)
        let directory = try TemporaryDirectory.make("generate")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let reported = ProgressLog()
        let summary = try generator.write(to: directory) { reported.append($0) }
        var expected: [String: [UInt8]] = [:]
        for file in generator.files() { expected[file.relativePath] = file.bytes }
        var found = 0
        let enumerator = FileManager.default.enumerator(atPath: directory)
        while let path = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: directory + "/" + path, isDirectory: &isDirectory),
                  !isDirectory.boolValue else { continue }
            found += 1
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: directory + "/" + path)))
            #expect(expected[path] == bytes, "\(path) differs from files()")
        }
        #expect(found == expected.count)
        #expect(summary.fileCount == generator.fileCount)
        #expect(summary.byteCount == expected.values.map(\.count).reduce(0, +))
        let progress = reported.values
        #expect(progress.count == generator.fileCount)
        #expect(progress.map(\.filesDone) == Array(1...generator.fileCount))
        #expect(progress.last?.bytesWritten == summary.byteCount)
    }

    @Test func writeReportsAnUnwritableDirectory() throws {
        let directory = try TemporaryDirectory.make("generate-blocked")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // A file where a directory must go.
        #expect(FileManager.default.createFile(atPath: directory + "/log_data", contents: Data()))
        let generator = try DataGenerator(scale: 0.02, seed: 1)
        #expect {
            try generator.write(to: directory)
        } throws: { error in
            guard case .cannotWrite(let path, _) = error as? GeneratorError else { return false }
            return path.hasPrefix(directory + "/log_data")
        }
    }
}

/// Collects progress reports from the writer threads.
final class ProgressLog: @unchecked Sendable {
    private let lock = NSLock()
    private var reports: [GenerationProgress] = []

    func append(_ progress: GenerationProgress) { lock.withLock { reports.append(progress) } }
    var values: [GenerationProgress] { lock.withLock { reports } }
}
