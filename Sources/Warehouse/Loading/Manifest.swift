import Foundation

/// A Redshift COPY manifest: the exact objects to load, each possibly mandatory.
/// `{"entries": [{"url": "s3://bucket/key", "mandatory": true}, …]}`; other keys (`meta`) are ignored.
public struct Manifest: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        /// `s3://bucket/key` (a whole object, not a prefix), or for local loads a `file://` URL or path.
        public var url: String
        /// A missing mandatory object fails the load; a missing optional one is skipped.
        public var mandatory: Bool

        public init(url: String, mandatory: Bool) {
            self.url = url
            self.mandatory = mandatory
        }
    }

    public var entries: [Entry]

    public init(entries: [Entry]) {
        self.entries = entries
    }

    public static func parse(_ bytes: [UInt8], source: String) throws(StagingError) -> Manifest {
        func fail(_ reason: String) -> StagingError { .invalidManifest(source: source, reason: reason) }
        guard let top = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else {
            throw fail("not a JSON object like {\"entries\": [{\"url\": \"s3://bucket/key\", \"mandatory\": true}]}")
        }
        guard let list = top["entries"] as? [Any] else { throw fail("\"entries\" must be an array") }
        var entries: [Entry] = []
        for (position, item) in list.enumerated() {
            guard let entry = item as? [String: Any], let url = entry["url"] as? String, !url.isEmpty else {
                throw fail("entry \(position + 1) has no \"url\" string")
            }
            // Redshift (error 8001): a manifest names whole objects, never a prefix.
            if url.hasSuffix("/") || url.hasPrefix("s3://") && !url.dropFirst(5).contains("/") {
                throw fail("entry \(position + 1): \(url) is not the full path of an object (error 8001)")
            }
            var mandatory = false
            if let flag = entry["mandatory"] {
                guard let value = flag as? Bool else {
                    throw fail("entry \(position + 1): \"mandatory\" must be true or false")
                }
                mandatory = value
            }
            entries.append(Entry(url: url, mandatory: mandatory))
        }
        return Manifest(entries: entries)
    }
}
