import Config
import Warehouse

/// Decides the REGION of each Redshift COPY (issue #8) from what is known about the buckets: `[S3] REGION`,
/// else what S3 says (HeadBucket), else the known home of the Udacity bucket — and none for a bucket in
/// the cluster's own region. The decision is ``CopyRegion``'s; this asks S3 for the missing facts.
public struct CopyRegions: Sendable {
    /// The region S3 says a bucket is in (`S3Client.bucketRegion`: HeadBucket once, then remembered).
    public typealias Lookup = @Sendable (_ bucket: String) async throws -> String

    /// `[S3] REGION`: asked nothing when set.
    public var configured: String?
    /// Where the cluster runs: from its endpoint's host name, else the AWS region in force.
    public var clusterRegion: String?
    /// nil when S3 cannot be asked (no credentials): the known buckets' regions are used.
    public var lookup: Lookup?

    public init(configured: String?, clusterRegion: String?, lookup: Lookup?) {
        self.configured = configured
        self.clusterRegion = clusterRegion
        self.lookup = lookup
    }

    /// What the COPYs name: each bucket's REGION (buckets in the cluster's region left out), and a warning
    /// per bucket whose region S3 would not say.
    public func clauses(for buckets: [String]) async -> (regions: [String: String], warnings: [String]) {
        var regions: [String: String] = [:]
        var warnings: [String] = []
        for bucket in buckets {
            var learned: String?
            if configured == nil, let lookup {
                do { learned = try await lookup(bucket) } catch {
                    let fallback = CopyRegion.knownBuckets[bucket].map { "assuming \($0)" } ?? "assuming the cluster's region"
                    warnings.append("could not learn the region of bucket \(bucket) (\(error)); \(fallback) — set [S3] REGION to say")
                }
            }
            let region = CopyRegion.bucketRegion(bucket: bucket, configured: configured, learned: learned)
            regions[bucket] = CopyRegion.clause(bucketRegion: region, clusterRegion: clusterRegion)
        }
        return (regions, warnings)
    }
}
