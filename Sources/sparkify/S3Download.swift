import AWS
import Foundation
import Glibc

/// Writes the chunks of ``S3Client/fetchAll(bucket:keys:concurrency:)`` to `directory/<key>`, one file
/// open at a time (the chunks of an object arrive together). Each object is written to a hidden
/// temporary file beside its final path and renamed only once complete, so a download that fails
/// (network, full disk) never leaves a truncated file under the object's name. Keys that would leave
/// the directory (`..`, absolute) are refused.
final class S3Download {
    let directory: String
    private(set) var objects = 0
    private(set) var bytes = 0
    private var file: FileHandle?
    /// The object being written: its temporary and final paths.
    private var writing: (temporary: String, final: String)?
    private var createdDirectories: Set<String> = []

    init(directory: String) throws(S3DownloadError) {
        self.directory = directory
        try makeDirectory(directory)
    }

    /// The keys in a file (one per line; `-`: stdin), without empty lines.
    static func keys(from path: String) throws(S3DownloadError) -> [String] {
        let data = path == "-" ? FileHandle.standardInput.readDataToEndOfFile() : FileManager.default.contents(atPath: path)
        guard let data else { throw S3DownloadError(path: path, reason: "cannot read the key list") }
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init).filter { !$0.isEmpty }
    }

    func write(_ chunk: S3ObjectChunk) throws(S3DownloadError) {
        if chunk.offset == 0 { try open(chunk.key) }
        do { try file?.write(contentsOf: chunk.bytes) } catch {
            abandon()
            throw S3DownloadError(path: path(chunk.key), reason: "cannot write: \(error.localizedDescription)")
        }
        bytes += chunk.bytes.count
        if chunk.isLast { try finish(chunk.key) }
    }

    /// Removes the object being written, if any (the download failed or was cancelled).
    func abandon() {
        try? file?.close()
        file = nil
        if let writing { unlink(writing.temporary) }
        writing = nil
    }

    /// Closes the complete object and gives it its name.
    private func finish(_ key: String) throws(S3DownloadError) {
        guard let writing, let file else { return }
        do {
            try file.synchronize()
            try file.close()
        } catch {
            abandon()
            throw S3DownloadError(path: path(key), reason: "cannot write: \(error.localizedDescription)")
        }
        self.file = nil
        guard rename(writing.temporary, writing.final) == 0 else {
            let reason = String(cString: strerror(errno))
            abandon()
            throw S3DownloadError(path: writing.final, reason: "cannot rename the finished download into place: \(reason)")
        }
        self.writing = nil
        objects += 1
    }

    /// `dir/.name.sparkify-download`: hidden, and on the final path's file system (rename is atomic).
    static func temporaryPath(for path: String) -> String {
        let url = URL(fileURLWithPath: path)
        return url.deletingLastPathComponent().appendingPathComponent("." + url.lastPathComponent + ".sparkify-download").path
    }

    private func open(_ key: String) throws(S3DownloadError) {
        let parts = key.split(separator: "/", omittingEmptySubsequences: false)
        guard !key.hasPrefix("/"), !parts.contains(".."), !parts.contains("."), !parts.contains("") else {
            throw S3DownloadError(path: key, reason: "the key does not map to a file below \(directory)")
        }
        let path = path(key)
        try makeDirectory((path as NSString).deletingLastPathComponent)
        abandon()
        let temporary = Self.temporaryPath(for: path)
        // One open(2): FileManager.createFile would write an empty file first.
        let descriptor = Glibc.open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else {
            throw S3DownloadError(path: path, reason: "cannot create the file: \(String(cString: strerror(errno)))")
        }
        file = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        writing = (temporary, path)
    }

    private func path(_ key: String) -> String { directory + "/" + key }

    /// mkdir(2), parents first when missing; remembered, since sibling keys share directories.
    private func makeDirectory(_ path: String) throws(S3DownloadError) {
        guard !createdDirectories.contains(path), !path.isEmpty else { return }
        if Glibc.mkdir(path, 0o755) != 0 && errno == ENOENT {
            try makeDirectory((path as NSString).deletingLastPathComponent)
            _ = Glibc.mkdir(path, 0o755)
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw S3DownloadError(path: path, reason: "cannot create the directory: \(String(cString: strerror(errno)))")
        }
        createdDirectories.insert(path)
    }
}

/// A downloaded object that could not be written.
struct S3DownloadError: Error, CustomStringConvertible {
    let path: String
    let reason: String
    var description: String { "\(path): \(reason)" }
}
