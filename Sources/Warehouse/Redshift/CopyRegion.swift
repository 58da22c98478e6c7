/// Which `REGION` a Redshift COPY names (issue #8): the bucket's region, which is not necessarily the
/// operator's `[AWS] REGION` (udacity-dend is in us-west-2 whatever the operator's default), and
/// none when the bucket is in the cluster's own region. Pure: the bucket's region arrives as a value.
public enum CopyRegion {
    /// The buckets whose region is known without asking: Udacity's public sample bucket.
    public static let knownBuckets = ["udacity-dend": "us-west-2"]

    /// The bucket's region: `[S3] REGION` when set, else what S3 said, else the known home of a
    /// well-known bucket; nil when nobody knows (COPY then assumes the cluster's region).
    public static func bucketRegion(bucket: String, configured: String?, learned: String?) -> String? {
        configured ?? learned ?? knownBuckets[bucket]
    }

    /// The REGION clause's value: the bucket's region, left out when it is the cluster's.
    public static func clause(bucketRegion: String?, clusterRegion: String?) -> String? {
        guard let bucketRegion, bucketRegion != clusterRegion else { return nil }
        return bucketRegion
    }

    /// The region in a Redshift endpoint's host name (`name.abc123xyz.us-west-2.redshift.amazonaws.com`,
    /// also `…redshift-serverless.amazonaws.com` and the `.cn` partition); nil for any other host.
    public static func clusterRegion(host: String) -> String? {
        let labels = host.lowercased().split(separator: ".").map(String.init)
        guard let service = labels.firstIndex(where: { $0 == "redshift" || $0 == "redshift-serverless" }),
              service >= 1, labels.count > service + 1, labels[service + 1] == "amazonaws" else { return nil }
        return labels[service - 1]
    }
}
