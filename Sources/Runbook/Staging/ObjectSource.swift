import AWS
import Config
import Foundation
import Warehouse

/// Lists and reads staged objects wherever they are — an S3 prefix or manifest (through the AWS
/// module's S3 client) or a local directory — and feeds them into a staging load's inbox.
public struct ObjectSource: Sendable {
    /// Needed for `s3://` locations.
    public var s3: S3Client?
    /// Concurrent GETs for S3 objects.
    public var concurrency: Int

    public init(s3: S3Client?, concurrency: Int = 8) {
        self.s3 = s3
        self.concurrency = max(concurrency, 1)
    }

    /// Every object at `location` (sorted), or the manifest's entries that exist. Fails like Redshift
    /// when nothing is there or a mandatory manifest entry is missing.
    public func list(_ location: DataLocation, manifest: Bool = false) async throws(StagingError) -> [SourceObject] {
        let objects: [SourceObject]
        if manifest {
            objects = try await manifestObjects(location)
        } else {
            switch location {
            case .local(let path):
                objects = try LocalFiles.list(path)
            case .s3(let bucket, let prefix):
                objects = try await listS3(bucket: bucket, prefix: prefix)
            }
        }
        guard !objects.isEmpty else { throw .noObjects(location: location.description) }
        return objects
    }

    /// The whole object (a JSONPaths file, a manifest).
    public func read(_ location: DataLocation) async throws(StagingError) -> [UInt8] {
        switch location {
        case .local(let path):
            return try LocalFiles.read(path)
        case .s3(let bucket, let key):
            let client = try requireS3(location)
            do {
                return Array(try await client.getObject(bucket: bucket, key: key).body.collect())
            } catch {
                throw .source(object: location.description, message: "\(error)")
            }
        }
    }

    /// Sends the objects' chunks into `inbox` and finishes it; any failure fails it instead (the load
    /// then fails with that error). Returns when everything is sent or the inbox has failed.
    public func send(_ objects: [SourceObject], into inbox: BoundedChannel<ObjectChunk>) async {
        let files = objects.filter { if case .file = $0.location { return true } else { return false } }
        guard files.count < objects.count else {
            await LocalFiles.send(files, into: inbox)
            return
        }
        guard files.isEmpty, let s3 else {
            inbox.fail(StagingError.source(object: nil, message: "a load cannot mix S3 objects and local files"))
            return
        }
        await S3Objects.send(objects, from: s3, into: inbox, concurrency: concurrency)
    }

    // MARK: - Internals

    private func requireS3(_ location: DataLocation) throws(StagingError) -> S3Client {
        guard let s3 else {
            throw .source(object: location.description, message: "an S3 location needs AWS settings ([AWS] or AWS_* variables)")
        }
        return s3
    }

    private func listS3(bucket: String, prefix: String) async throws(StagingError) -> [SourceObject] {
        let client = try requireS3(.s3(bucket: bucket, key: prefix))
        var objects: [SourceObject] = []
        do {
            for try await object in client.listObjects(bucket: bucket, prefix: prefix) where !object.key.hasSuffix("/") {
                objects.append(SourceObject(location: .s3(bucket: bucket, key: object.key), size: object.size,
                                            etag: object.eTag.isEmpty ? nil : object.eTag))
            }
        } catch {
            throw .source(object: "s3://\(bucket)/\(prefix)", message: "listing failed: \(error)")
        }
        return objects.sorted { $0.name < $1.name }
    }

    /// The manifest's entries, checked for existence: a missing mandatory one fails, a missing optional
    /// one is left out.
    private func manifestObjects(_ location: DataLocation) async throws(StagingError) -> [SourceObject] {
        let manifest = try Manifest.parse(try await read(location), source: location.description)
        var objects: [SourceObject] = []
        for entry in manifest.entries {
            let entryLocation: DataLocation
            do {
                entryLocation = try DataLocation(parsing: entry.url, location: location.description)
            } catch {
                throw .invalidManifest(source: location.description, reason: error.description)
            }
            let object: SourceObject
            let exists: Bool
            switch entryLocation {
            case .local(let path):
                object = SourceObject(location: .file(path: path), size: LocalFiles.size(path), mandatory: entry.mandatory)
                exists = FileManager.default.fileExists(atPath: path)
            case .s3(let bucket, let key):
                let client = try requireS3(entryLocation)
                do {
                    let head = try await client.headObject(bucket: bucket, key: key)
                    object = SourceObject(location: .s3(bucket: bucket, key: key), size: head.contentLength, mandatory: entry.mandatory)
                    exists = true
                } catch where error.httpStatus == 404 {
                    object = SourceObject(location: .s3(bucket: bucket, key: key), size: nil, mandatory: entry.mandatory)
                    exists = false
                } catch {
                    throw .source(object: entry.url, message: "\(error)")
                }
            }
            if exists {
                objects.append(object)
            } else if entry.mandatory {
                throw .missingObject(object: entry.url)
            }
        }
        return objects
    }
}
