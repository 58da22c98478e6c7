import AWS
import Config
import Foundation
import Warehouse

/// What the runbook's steps act on, built once from the config: AWS (when there are credentials), the
/// database (the configured one, else the cluster's endpoint once it has one), the S3 sources, and
/// where every AWS call and SQL statement is reported (the log panel, `--json` lines).
public struct RunbookWorld: Sendable {
    public var config: DWHConfig
    public var provisioning: ProvisioningTarget
    public var region: String
    /// nil: AWS cannot be asked; `awsUnavailable` says why.
    public var provisioner: Provisioner?
    public var awsUnavailable: String
    /// The configured `[CLUSTER]` database; nil until steps 1–3 give a cluster an endpoint.
    public var configuredDatabase: DatabaseSettings?
    public var s3: S3Client?
    /// Step 3's CIDR, chosen when the step runs (the operator's address /32, 127.0.0.1/32 on loopback).
    public var ingressCIDR: @Sendable () async throws(ProvisioningError) -> IngressCIDR.Choice
    public var statements: StatementObserver?
    /// AWS is an emulator (`[AWS] ENDPOINT`, `AWS_ENDPOINT_URL`): its clusters cost nothing.
    public var emulated: Bool
    /// The region S3 says a bucket is in, for Redshift COPY's REGION; nil: not asked (see ``CopyRegions``).
    public var bucketRegion: CopyRegions.Lookup?
    /// Observations list the cluster's snapshots too (`iac status`).
    public var listsSnapshots = false

    public init(config: DWHConfig, provisioning: ProvisioningTarget, region: String, provisioner: Provisioner?,
                awsUnavailable: String, configuredDatabase: DatabaseSettings?, s3: S3Client?,
                ingressCIDR: @escaping @Sendable () async throws(ProvisioningError) -> IngressCIDR.Choice,
                statements: StatementObserver?, emulated: Bool = false, bucketRegion: CopyRegions.Lookup? = nil) {
        self.config = config
        self.provisioning = provisioning
        self.region = region
        self.provisioner = provisioner
        self.awsUnavailable = awsUnavailable
        self.configuredDatabase = configuredDatabase
        self.s3 = s3
        self.ingressCIDR = ingressCIDR
        self.statements = statements
        self.emulated = emulated
        self.bucketRegion = bucketRegion
    }

    /// From a loaded config: AWS settings as the CLI resolves them (env, profiles, `[AWS]`), every AWS
    /// call and SQL statement handed to `report`. Fails only for a config that cannot be used at all.
    /// `timeout`: seconds steps 2 and 5 wait for the cluster (`iac up/down --timeout`); `cidr` and
    /// `allowAnywhere`: step 3's rule (`iac up --cidr`, `--allow-anywhere`). `needsDatabase`: false for
    /// work that never connects (`etl --dry-run --dialect`), which a config without `[CLUSTER]` may do.
    public static func make(config: DWHConfig, pollInterval: Double? = nil, timeout: Double? = nil,
                            cidr: String? = nil, allowAnywhere: Bool = false, needsDatabase: Bool = true,
                            discover: @escaping IngressCIDR.Discovery = PublicAddress.checkIP,
                            report: @escaping @Sendable (RunbookEvent) -> Void) throws(ConfigError) -> RunbookWorld {
        let settings = try AWSSettings.resolve(config: config)
        // Checked now so that a bad [CLUSTER] SSLMODE / SSLROOTCERT or [S3] REGION is a config error up front.
        _ = try DatabaseTLS(config: config)
        _ = try config.s3Region()
        let aws = settings.credentialSource == nil ? nil : AWSClient(settings: settings, observer: RunbookObserver.awsCalls(reporting: report))
        // moto answers at once; real Redshift takes minutes and is polled every 15 s.
        let poll = pollInterval ?? (settings.endpoint != nil ? 0.2 : 15)
        let endpoint = settings.endpoint
        let s3 = aws.map { S3Client(client: $0) }
        return RunbookWorld(
            config: config, provisioning: ProvisioningTarget(config: config), region: settings.region,
            provisioner: aws.map { aws in
                var provisioner = Provisioner(aws: aws, pollInterval: poll, retry: ProvisioningRetry(config: config))
                if let timeout { provisioner.timeout = timeout }
                return provisioner
            },
            awsUnavailable: "no AWS credentials: set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, a profile, or [AWS] KEY/SECRET",
            configuredDatabase: try DatabaseSettings.configured(in: config, canProvision: aws != nil || !needsDatabase),
            s3: s3,
            ingressCIDR: { () async throws(ProvisioningError) in
                try await IngressCIDR.choose(explicit: cidr, allowAnywhere: allowAnywhere, endpoint: endpoint, discover: discover)
            },
            statements: { report(.sqlStatement($0)) }, emulated: endpoint != nil,
            // COPY's REGION: what S3 says the bucket's region is (learned from a redirect, else HeadBucket).
            bucketRegion: s3.map { s3 in { @Sendable bucket in try await s3.bucketRegion(bucket) } })
    }

    /// The database the steps use: the configured one, else the cluster steps 1–3 built.
    public func database(for observation: Observation) -> DatabaseSettings? {
        if let configuredDatabase { return configuredDatabase }
        guard let endpoint = observation.aws.value?.cluster?.endpoint else { return nil }
        var settings = DatabaseSettings(host: endpoint.host, port: endpoint.port, database: config.provisioning.db,
                                        user: config.provisioning.dbUser, password: config.provisioning.dbPassword,
                                        tls: (try? DatabaseTLS(config: config)) ?? DatabaseTLS())
        // Never in the clear to a remote cluster: a plain-text SSLMODE falls back to `require`.
        if (try? settings.tls.check(host: settings, location: "")) == nil { settings.tls.mode = nil }
        return settings
    }

    /// How the staging COPYs on the database `settings` name their buckets' regions.
    public func copyRegions(database settings: DatabaseSettings?) -> CopyRegions {
        CopyRegions(configured: (try? config.s3Region()) ?? nil,
                    clusterRegion: settings.flatMap { CopyRegion.clusterRegion(host: $0.host) } ?? region,
                    lookup: bucketRegion)
    }

    public func observer(for observation: Observation) -> RunbookObserver {
        var observer = RunbookObserver(provisioning: provisioning, region: region, provisioner: provisioner,
                                       awsUnavailable: awsUnavailable, database: database(for: observation), statements: statements)
        observer.listsSnapshots = listsSnapshots
        return observer
    }
}
