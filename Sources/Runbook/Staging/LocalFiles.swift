import Foundation
import Warehouse

/// Local staging input (`file:///abs/dir` or a plain path in the config): listing and reading.
enum LocalFiles {
    /// Every regular file under `path` (recursively, sorted), or the file itself.
    static func list(_ path: String) throws(StagingError) -> [SourceObject] {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .noObjects(location: path)
        }
        guard isDirectory.boolValue else {
            return [SourceObject(location: .file(path: path), size: size(path), etag: modificationStamp(path))]
        }
        guard let walker = manager.enumerator(atPath: path) else {
            throw .source(object: path, message: "cannot read the directory")
        }
        var files: [SourceObject] = []
        while let relative = walker.nextObject() as? String {
            let full = (path as NSString).appendingPathComponent(relative)
            var nested: ObjCBool = false
            if manager.fileExists(atPath: full, isDirectory: &nested), !nested.boolValue {
                files.append(SourceObject(location: .file(path: full), size: size(full), etag: modificationStamp(full)))
            }
        }
        return files.sorted { $0.name < $1.name }
    }

    static func size(_ path: String) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue
    }

    /// "mtime 1543622400.5": a local file's stand-in for an ETag.
    static func modificationStamp(_ path: String) -> String? {
        guard let date = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date else { return nil }
        return "mtime \(date.timeIntervalSince1970)"
    }

    static func read(_ path: String) throws(StagingError) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .source(object: path, message: "cannot read the file")
        }
        return Array(data)
    }

    /// Reads the files in order on a thread of its own (file reads block) and sends their chunks into
    /// `inbox`, which it then finishes; a read error fails it. Returns when the thread is done.
    static func send(_ files: [SourceObject], into inbox: BoundedChannel<ObjectChunk>, chunkSize: Int = 256 << 10) async {
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            let thread = Thread {
                do {
                    for file in files {
                        guard case .file(let path) = file.location else { continue }
                        try sendFile(path, mandatory: file.mandatory, into: inbox, chunkSize: chunkSize)
                    }
                    inbox.finish()
                } catch {
                    inbox.fail(error)
                }
                done.resume()
            }
            thread.name = "sparkify local reader"
            thread.start()
        }
    }

    private static func sendFile(_ path: String, mandatory: Bool, into inbox: BoundedChannel<ObjectChunk>,
                                 chunkSize: Int) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            if !mandatory && !FileManager.default.fileExists(atPath: path) { return }
            throw FileManager.default.fileExists(atPath: path)
                ? StagingError.source(object: path, message: "cannot open the file (permissions?)")
                : StagingError.missingObject(object: path)
        }
        defer { try? handle.close() }
        while true {
            let data: Data
            do {
                data = try handle.read(upToCount: chunkSize) ?? Data()
            } catch {
                throw StagingError.source(object: path, message: "read failed: \(error.localizedDescription)")
            }
            let last = data.count < chunkSize
            try inbox.sendBlocking(ObjectChunk(object: path, bytes: Array(data), isEndOfObject: last))
            if last { return }
        }
    }
}
