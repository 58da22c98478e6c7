import Foundation

/// One object as a listing reports it.
public struct S3Object: Sendable, Equatable {
    public var key: String
    public var size: Int
    /// Without the surrounding quotes.
    public var eTag: String
    public var lastModified: Date?

    public init(key: String, size: Int, eTag: String, lastModified: Date?) {
        self.key = key
        self.size = size
        self.eTag = eTag
        self.lastModified = lastModified
    }
}

/// One page of ListObjectsV2.
public struct S3ListPage: Sendable, Equatable {
    public var objects: [S3Object]
    /// With a delimiter: the "directories" (`song_data/A/`).
    public var commonPrefixes: [String]
    /// Pass back to get the next page; nil on the last page.
    public var nextContinuationToken: String?

    /// Parses a `<ListBucketResult>`.
    static func parse(_ root: XMLElement) -> S3ListPage {
        let objects = root.children("Contents").map { contents in
            S3Object(key: contents.child("Key")?.text ?? "",
                     size: Int(contents.child("Size")?.text ?? "") ?? 0,
                     eTag: S3Timestamp.unquote(contents.child("ETag")?.text ?? ""),
                     lastModified: contents.child("LastModified").flatMap { S3Timestamp.iso8601($0.text) })
        }
        let truncated = root.child("IsTruncated")?.text == "true"
        return S3ListPage(objects: objects,
                          commonPrefixes: root.children("CommonPrefixes").compactMap { $0.child("Prefix")?.text },
                          nextContinuationToken: truncated ? root.child("NextContinuationToken")?.text : nil)
    }
}

/// What HeadObject (and GetObject's headers) say about an object.
public struct S3ObjectHead: Sendable, Equatable {
    public var contentLength: Int?
    public var eTag: String?
    public var lastModified: Date?
    public var contentType: String?

    init(_ head: HTTPResponseHead) {
        contentLength = head.header("Content-Length").flatMap { Int($0) }
        eTag = head.header("ETag").map(S3Timestamp.unquote)
        lastModified = head.header("Last-Modified").flatMap(S3Timestamp.httpDate)
        contentType = head.header("Content-Type")
    }
}

/// A GetObject answer: the headers now, the body as it arrives.
public struct S3ObjectContent: Sendable {
    public var head: S3ObjectHead
    public var body: S3ObjectBody
}

/// Whether CreateBucket made the bucket or found it already ours (an idempotent step's "already done").
public enum S3BucketCreation: Sendable, Equatable {
    case created
    case alreadyOwned
}
