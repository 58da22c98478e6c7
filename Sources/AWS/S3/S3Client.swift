import Foundation
import Synchronization

/// Amazon S3 (REST-XML) over an ``AWSClient``: buckets, objects, listings, streamed downloads.
public struct S3Client: Sendable {
    public let client: AWSClient

    public init(client: AWSClient) { self.client = client }

    /// Creates the bucket in the client's region (a `LocationConstraint` outside us-east-1). A bucket
    /// we already own is a state, not an error.
    @discardableResult
    public func createBucket(_ bucket: String) async throws(AWSError) -> S3BucketCreation {
        let region = client.settings.region
        let body = region == "us-east-1" ? nil : Data("""
            <CreateBucketConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/">\
            <LocationConstraint>\(region)</LocationConstraint></CreateBucketConfiguration>
            """.utf8)
        let call = AWSCall(service: .s3, action: "CreateBucket", method: "PUT", bucket: bucket, path: "/", body: body,
                           timeout: .seconds(60), resource: "s3://\(bucket)")
        do {
            _ = try await client.sendReading(call)
            return .created
        } catch where error.code == "BucketAlreadyOwnedByYou" {
            return .alreadyOwned
        }
    }

    /// Stores `body` at the key; returns the ETag.
    @discardableResult
    public func putObject(bucket: String, key: String, body: Data,
                          contentType: String = "application/octet-stream") async throws(AWSError) -> String {
        let call = AWSCall(service: .s3, action: "PutObject", method: "PUT", bucket: bucket, path: "/" + key,
                           headers: [("Content-Type", contentType)], body: body,
                           timeout: .seconds(60 + body.count / 1_000_000), resource: uri(bucket, key))
        let response = try await client.sendReading(call)
        return response.head.header("ETag").map(S3Timestamp.unquote) ?? ""
    }

    /// Size, ETag, date and type of an object (an absent one: `NotFound`).
    public func headObject(bucket: String, key: String) async throws(AWSError) -> S3ObjectHead {
        let call = AWSCall(service: .s3, action: "HeadObject", method: "HEAD", bucket: bucket, path: "/" + key,
                           timeout: .seconds(60), resource: uri(bucket, key))
        return S3ObjectHead(try await client.sendReading(call).head)
    }

    /// Starts a download; the body streams (bounded buffering) as it is read, and resumes where it
    /// broke off when the transfer is cut (see ``S3ObjectBody``). `ifMatch`: the ETag the object must
    /// still have (as listed); another answers HTTP 412 PreconditionFailed instead of its bytes.
    public func getObject(bucket: String, key: String, ifMatch eTag: String? = nil) async throws(AWSError) -> S3ObjectContent {
        var call = AWSCall(service: .s3, action: "GetObject", method: "GET", bucket: bucket, path: "/" + key,
                           resource: uri(bucket, key))
        if let eTag { call.headers.append(("If-Match", "\"" + eTag + "\"")) }
        let (response, attempt) = try await client.send(call, firstAttempt: 1)
        return S3ObjectContent(head: S3ObjectHead(response.head),
                               body: S3ObjectBody(client: client, call: call, response: response, attempt: attempt))
    }

    /// The bucket's region: what this client has learned (from a redirect or an earlier call), else
    /// what HeadBucket says (`x-amz-bucket-region`; a redirect teaches it on the way). Redshift's COPY
    /// needs it as `REGION` when the bucket is not in the cluster's region.
    public func bucketRegion(_ bucket: String) async throws(AWSError) -> String {
        if let known = client.learnedRegion(of: bucket) { return known }
        let call = AWSCall(service: .s3, action: "HeadBucket", method: "HEAD", bucket: bucket, path: "/",
                           timeout: .seconds(60), resource: "s3://\(bucket)")
        let response = try await client.sendReading(call)
        // A redirect on the way taught it; else the header (real S3 sends it), else our own region.
        let region = client.learnedRegion(of: bucket)
            ?? response.head.header("x-amz-bucket-region").flatMap { S3Redirect.isRegion($0) ? $0 : nil }
            ?? client.settings.region
        client.learnRegion(region, of: bucket)
        return region
    }

    /// One ListObjectsV2 page.
    public func listObjectsPage(bucket: String, prefix: String = "", delimiter: String? = nil, maxKeys: Int = 1000,
                                continuationToken: String? = nil) async throws(AWSError) -> S3ListPage {
        var query: [(name: String, value: String)] = [("list-type", "2"), ("max-keys", String(maxKeys))]
        if !prefix.isEmpty { query.append(("prefix", prefix)) }
        if let delimiter { query.append(("delimiter", delimiter)) }
        if let continuationToken { query.append(("continuation-token", continuationToken)) }
        let call = AWSCall(service: .s3, action: "ListObjectsV2", method: "GET", bucket: bucket, path: "/",
                           query: query, timeout: .seconds(120), resource: uri(bucket, prefix))
        return S3ListPage.parse(try client.parse(await client.sendReading(call).body, call))
    }

    /// Every page of a listing, fetched one at a time as the reader asks (S3 returns at most 1,000
    /// keys per page).
    public func listPages(bucket: String, prefix: String = "", delimiter: String? = nil,
                          maxKeys: Int = 1000) -> AsyncThrowingStream<S3ListPage, Error> {
        let cursor = ListingCursor()
        return AsyncThrowingStream(unfolding: {
            guard let token = cursor.nextToken() else { return nil }
            let page = try await listObjectsPage(bucket: bucket, prefix: prefix, delimiter: delimiter,
                                                 maxKeys: maxKeys, continuationToken: token)
            cursor.advance(to: page.nextContinuationToken)
            return page
        })
    }

    /// Every object under the prefix, across all pages, fetched as the reader asks.
    public func listObjects(bucket: String, prefix: String = "", delimiter: String? = nil,
                            maxKeys: Int = 1000) -> AsyncThrowingStream<S3Object, Error> {
        let cursor = ListingCursor()
        return AsyncThrowingStream(unfolding: {
            while true {
                if let object = cursor.takeObject() { return object }
                guard let token = cursor.nextToken() else { return nil }
                let page = try await listObjectsPage(bucket: bucket, prefix: prefix, delimiter: delimiter,
                                                     maxKeys: maxKeys, continuationToken: token)
                cursor.advance(to: page.nextContinuationToken, objects: page.objects)
            }
        })
    }

    /// A URL anyone may GET the object with for `expires` seconds (signed in the query string).
    public func presignedURL(bucket: String, key: String, expires: Int = 3600) async throws(AWSError) -> String {
        try await client.presignedURL(AWSCall(service: .s3, action: "GetObject", method: "GET", bucket: bucket,
                                        path: "/" + key, resource: uri(bucket, key)), expires: expires)
    }

    func uri(_ bucket: String, _ key: String) -> String { "s3://\(bucket)/\(key)" }
}

/// Where a listing is: the token of the next page to ask for, and the objects of the last page not yet
/// handed out.
private final class ListingCursor: Sendable {
    private struct State {
        var done = false
        var token: String?
        /// Reversed, so handing out is `popLast`.
        var objects: [S3Object] = []
    }
    private let state = Mutex(State())

    /// `.some(token)` (nil token: the first page) while pages remain, nil when done.
    func nextToken() -> String?? {
        state.withLock { $0.done ? nil : .some($0.token) }
    }

    func advance(to token: String?, objects: [S3Object] = []) {
        state.withLock {
            $0.token = token
            $0.done = token == nil
            $0.objects = objects.reversed()
        }
    }

    func takeObject() -> S3Object? { state.withLock { $0.objects.popLast() } }
}
