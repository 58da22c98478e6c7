import Config
import Warehouse

/// What the Redshift COPYs need besides the config: each bucket's REGION (``CopyRegions``) and, when
/// `[IAM_ROLE] ARN` is not set, the ARN of the role steps 1–3 manage, as IAM reports it — so a COPY
/// works right after `iac up` without editing dwh.cfg.
public struct CopyFacts: Sendable, Equatable {
    /// Bucket → the REGION its COPY names; a bucket not in it gets none.
    public var regions: [String: String]
    public var roleARN: String?

    public init(regions: [String: String] = [:], roleARN: String? = nil) {
        self.regions = regions
        self.roleARN = roleARN
    }
}

extension RunbookWorld {
    /// Asks S3 (regions) and IAM (the role, only when the config names none) for what the COPYs on the
    /// database `settings` need; the warnings say what had to be assumed. Reads only.
    public func copyFacts(database settings: DatabaseSettings?) async -> (facts: CopyFacts, warnings: [String]) {
        var buckets = RedshiftCopy.buckets(config: config)
        // An incremental run's manifest is read by the same COPY: its bucket's region counts too.
        if let manifest = config.sources.manifestPrefix?.bucket, !buckets.contains(manifest) { buckets.append(manifest) }
        let (regions, warnings) = await copyRegions(database: settings).clauses(for: buckets)
        var roleARN: String?
        if config.iamRoleARN == nil, let provisioner {
            roleARN = (try? await provisioner.observe(provisioning))?.role?.arn
        }
        return (CopyFacts(regions: regions, roleARN: roleARN), warnings)
    }
}
