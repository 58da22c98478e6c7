import Config
import Warehouse

/// A Redshift COPY manifest (`{"entries": [{"url": "s3://…", "mandatory": true, "meta":
/// {"content_length": N}}]}`): the exact objects one COPY loads. Redshift needs only `url` and
/// `mandatory`; `meta.content_length` is the listed size, as UNLOAD writes it. Every entry is mandatory:
/// an object that vanished since the listing fails the COPY instead of being skipped. Pure.
public struct CopyManifest: Sendable, Equatable {
    public var bucket: String
    public var key: String
    /// The objects, in load order.
    public var objects: [SourceObject]

    public init(bucket: String, key: String, objects: [SourceObject]) {
        self.bucket = bucket
        self.key = key
        self.objects = objects
    }

    /// Run `runID`'s manifest of `stage` under `prefix`.
    public init(prefix: ManifestPrefix, runID: String, stage: ETLStage, objects: [SourceObject]) {
        self.init(bucket: prefix.bucket, key: prefix.key(runID: runID, stage: stage.rawValue), objects: objects)
    }

    /// Where the COPY reads it: `s3://bucket/key`.
    public var url: String { "s3://\(bucket)/\(key)" }

    /// The file's text: one entry per line.
    public var json: String {
        let entries = objects.map { object in
            var entry = "{\"url\": \(JSONWriting.string(object.name)), \"mandatory\": true"
            if let size = object.size { entry += ", \"meta\": {\"content_length\": \(size)}" }
            return "  " + entry + "}"
        }
        return "{\"entries\": [\n" + entries.joined(separator: ",\n") + "\n]}\n"
    }
}
